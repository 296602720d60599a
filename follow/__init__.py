"""Follow and digest: users save searches or follow dossiers, thema's and gebieden, and receive
periodic e-mail digests.
"""
