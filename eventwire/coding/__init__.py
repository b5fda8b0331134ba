"""coding stage."""
