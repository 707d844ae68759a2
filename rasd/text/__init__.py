"""Arabic text layer: normalisation with offsets, sentences, tokens and clitics, numbers, dates."""

from rasd.text.normalise import Normalised, normalise, normalise_key

__all__ = ["Normalised", "normalise", "normalise_key"]
