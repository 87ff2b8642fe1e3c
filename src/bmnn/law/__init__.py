"""The law as code: versioned rule packs and pure functions over them. Imports nothing of ours."""
