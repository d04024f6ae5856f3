"""The entity tagger: features, the CRF (and its CRFsuite binding), the network, the knowledge base, IOB reading."""
