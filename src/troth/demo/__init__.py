"""The demo world: the story's cast and timeline, plus generated residents."""
