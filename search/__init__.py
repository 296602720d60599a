"""Search: the public search experience over lessons, kennisdagen and dossiers."""
