"""Directory file formats, and the plain records every format reads into."""
