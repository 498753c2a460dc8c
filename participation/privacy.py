"""What of a citizen's identity may be shown in public."""


def shortened_name(name: str) -> str:
    """The family name and the initials of the other names: "Nguyễn Văn An" → "Nguyễn V. A.".
    Vietnamese names put the family name first; a single word stays as it is."""
    words = name.split()
    if len(words) <= 1:
        return name.strip()
    return " ".join([words[0], *(f"{word[0].upper()}." for word in words[1:])])
