"""What helps a trainer or a developer diagnose a PC: the crash log and the build's self-checks."""
