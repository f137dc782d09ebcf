"""Intent and region ids — the contract in ../shared/intents.md. Never rename one."""

from __future__ import annotations

TOPIC_INTENTS = (
    "unemployment_benefit",
    "legal_aid",
    "wage_arrears",
    "festival_activities",
    "stay_subsidy",
    "job_services",
    "skills_training",
    "holiday_pay",
    "social_assistance",
    "family_care",
)
CONVERSATION_INTENTS = (
    "greeting",
    "smalltalk",
    "human_agent",
    "set_region",
    "subscribe",
    "unsubscribe",
    "complaint_status",
    "unknown",
)
INTENTS = TOPIC_INTENTS + CONVERSATION_INTENTS

NATIONAL = "national"
REGIONS = ("national", "heilongjiang", "guangzhou-huangpu", "anqing", "dalian")
# The regions a worker can name (nobody says "national": it is where the unplaced are answered from).
NAMED_REGIONS = tuple(r for r in REGIONS if r != NATIONAL)
