"""The 慰问信 and 倡议书 broadcasts: model, planner, repository, sender, tags and the scheduler."""
