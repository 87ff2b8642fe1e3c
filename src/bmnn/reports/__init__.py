"""Report builders (pure functions from data to rows or document models) and their writers."""
