"""Agency reorganisation: merge agencies with their sites, content, people and links.

`spec` reads a plan file, `plan` computes what it would do (the dry run), `apply` does it in
one transaction; docs/reorganisation.md describes the operations and their guarantees.
"""
