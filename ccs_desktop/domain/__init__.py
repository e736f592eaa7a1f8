"""Domain vocabulary and rules: no Qt, no database session."""
