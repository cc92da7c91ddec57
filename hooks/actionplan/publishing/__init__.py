"""Publishing with mike: releases and the draft into the gh-pages branch."""
