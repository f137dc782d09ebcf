"""What the tests share: an in-process harness, signed pushes, the emulator, real servers, Chromium."""
