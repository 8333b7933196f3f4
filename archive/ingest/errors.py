class IngestError(Exception):
    """A source that cannot be ingested. str(error) is the reason shown to the person ingesting."""
