"""troth: a civil registry for courtship, guardianship and bonding."""

__version__ = "0.1.0"
