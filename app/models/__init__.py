"""The models a user may run: IT's catalogue, the user's imports, and SHA-256 verification."""
