"""Output formats: each is render(reports) -> str; the CLI decides where text goes."""
