"""CRFsuite's own C tagger, called with attribute ids instead of attribute names.

python-crfsuite (``pycrfsuite``) builds CRFsuite into its extension module and exports its C API
(``crfsuite.h``, stable since CRFsuite 0.12). Its ``Tagger.tag`` takes attribute *names*: for every token it
copies each name into a C++ string twice and looks it up in the model's string dictionary, about two thirds of
CRFsuite's time on habar's ~33 attributes per token. Here a caller turns each attribute into its 16-byte C
record (:meth:`CrfsuiteC.attribute`: the model's id for it and the value 1.0) once, keeps those records with
the word they belong to, and hands a sentence to ``tagger->set`` and ``tagger->viterbi`` directly. The scores
and the Viterbi path are CRFsuite's own, computed from the same attributes in the same order: the labels are
those of ``pycrfsuite.Tagger.tag``.

:func:`open_tagger` returns None where the extension does not export the C functions (another build of
python-crfsuite); the caller then uses ``pycrfsuite.Tagger``.
"""

from __future__ import annotations

import ctypes
import struct
from collections.abc import Mapping, Sequence
from pathlib import Path

_ATTRIBUTE = struct.Struct("<i4xd")  # crfsuite_attribute_t {int aid; floatval_t value;}
_ITEM = struct.Struct("<iiQ")  # crfsuite_item_t {int num_contents; int cap_contents; crfsuite_attribute_t *contents;}


class _Instance(ctypes.Structure):
    # crfsuite_instance_t
    _fields_ = [("num_items", ctypes.c_int), ("cap_items", ctypes.c_int), ("items", ctypes.c_void_p),
                ("labels", ctypes.c_void_p), ("weight", ctypes.c_double), ("group", ctypes.c_int)]


_ADDREF = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p)
_SET = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.POINTER(_Instance))
_LENGTH = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p)
_VITERBI = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.POINTER(ctypes.c_int),
                            ctypes.POINTER(ctypes.c_double))
_GET_TAGGER = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p))


class _Model(ctypes.Structure):
    # crfsuite_model_t: internal, nref, then its methods
    _fields_ = [("internal", ctypes.c_void_p), ("nref", ctypes.c_int), ("addref", _ADDREF), ("release", _ADDREF),
                ("get_tagger", _GET_TAGGER), ("get_labels", ctypes.c_void_p), ("get_attrs", ctypes.c_void_p),
                ("dump", ctypes.c_void_p)]


class _Tagger(ctypes.Structure):
    # crfsuite_tagger_t
    _fields_ = [("internal", ctypes.c_void_p), ("nref", ctypes.c_int), ("addref", _ADDREF), ("release", _ADDREF),
                ("set", _SET), ("length", _LENGTH), ("viterbi", _VITERBI), ("score", ctypes.c_void_p),
                ("lognorm", ctypes.c_void_p), ("marginal_point", ctypes.c_void_p),
                ("marginal_path", ctypes.c_void_p)]


class CrfsuiteC:
    """A CRFsuite model opened through its C API: :meth:`tag` takes, per token, the concatenated records
    (:meth:`attribute`) of its attributes."""

    def __init__(self, model: ctypes._Pointer[_Model], tagger: ctypes._Pointer[_Tagger],
                 attributes: Mapping[str, int], labels: Mapping[str, int]) -> None:
        self._model = model
        self._tagger = tagger
        self._ids = attributes
        names = {i: name for name, i in labels.items()}
        self.labels = [names[i] for i in range(len(names))]
        self._instance = _Instance()
        self._set = tagger.contents.set
        self._viterbi = tagger.contents.viterbi
        self._score = ctypes.c_double()
        self._path = (ctypes.c_int * 256)()

    def attribute(self, name: str) -> bytes:
        """The C record of an attribute with value 1.0 (empty for one the model does not know: CRFsuite
        ignores those)."""
        aid = self._ids.get(name)
        return b"" if aid is None else _ATTRIBUTE.pack(aid, 1.0)

    def tag(self, tokens: Sequence[bytes]) -> list[str]:
        """Labels of a sentence whose tokens are given as concatenated attribute records."""
        n = len(tokens)
        if not n:
            return []
        contents = b"".join(tokens)
        base = ctypes.cast(ctypes.c_char_p(contents), ctypes.c_void_p).value or 0
        items = bytearray(_ITEM.size * n)
        pack, offset, at = _ITEM.pack_into, 0, 0
        for token in tokens:
            size = len(token) >> 4
            pack(items, offset, size, size, base + at)
            offset += 16
            at += len(token)
        instance = self._instance
        instance.num_items = instance.cap_items = n
        instance.items = ctypes.addressof(ctypes.c_char.from_buffer(items))
        tagger = self._tagger
        if self._set(tagger, instance) != 0:
            raise RuntimeError("CRFsuite could not set the sentence")
        if n > len(self._path):
            self._path = (ctypes.c_int * (2 * n))()
        if self._viterbi(tagger, self._path, ctypes.byref(self._score)) != 0:
            raise RuntimeError("CRFsuite's Viterbi failed")
        labels = self.labels
        return [labels[i] for i in self._path[:n]]

    def __del__(self) -> None:
        try:
            self._tagger.contents.release(self._tagger)
            self._model.contents.release(self._model)
        except (AttributeError, ValueError, TypeError):  # half-built, or the interpreter is shutting down
            pass


def open_tagger(model_path: Path, attributes: Mapping[str, int], labels: Mapping[str, int]) -> CrfsuiteC | None:
    """The model's C tagger, or None where python-crfsuite's extension does not export CRFsuite's C API.
    ``attributes`` and ``labels``: the model's names and their ids (``pycrfsuite.Tagger.info()``)."""
    try:
        import pycrfsuite._pycrfsuite as extension

        library = ctypes.CDLL(extension.__file__)
        create = library.crfsuite_create_instance_from_file
    except (ImportError, OSError, AttributeError):
        return None
    create.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)]
    create.restype = ctypes.c_int
    model_ptr = ctypes.c_void_p()
    if create(str(model_path).encode(), ctypes.byref(model_ptr)) != 0 or not model_ptr.value:
        return None
    model = ctypes.cast(model_ptr, ctypes.POINTER(_Model))
    tagger_ptr = ctypes.c_void_p()
    if model.contents.get_tagger(model_ptr, ctypes.byref(tagger_ptr)) != 0 or not tagger_ptr.value:
        model.contents.release(model_ptr)
        return None
    tagger = ctypes.cast(tagger_ptr, ctypes.POINTER(_Tagger))
    return CrfsuiteC(model, tagger, attributes, labels)
