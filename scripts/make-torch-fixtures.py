#!/usr/bin/env python3
"""Writes the small PyTorch-layout test files in Tests/UnrollCoreTests/Fixtures/ without PyTorch.

torch.save(state_dict) writes a zip: NAME/data.pkl (a pickle whose tensors are
torch._utils._rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks) and whose
storages are persistent ids ('storage', torch.FloatStorage, KEY, 'cpu', numel)), NAME/data/KEY (raw
bytes), NAME/byteorder and NAME/version. This script builds the same bytes with stand-in `torch`
modules, so the pickle names exactly the globals torch's does. Each good file comes with
NAME.expected-model.json: the JSON model the reader must produce (numbers already widened).

usage: scripts/make-torch-fixtures.py [OUT_DIR]
"""
import collections, io, json, os, pickle, random, struct, sys, types, zipfile

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "Tests", "UnrollCoreTests", "Fixtures")

torch = types.ModuleType("torch")
utils = types.ModuleType("torch._utils")
sys.modules["torch"], sys.modules["torch._utils"] = torch, utils


def _rebuild_tensor_v2(*args):
    raise RuntimeError("never called")


_rebuild_tensor_v2.__module__ = "torch._utils"
utils._rebuild_tensor_v2 = _rebuild_tensor_v2
STORAGE = {}
for name, fmt, size in [("DoubleStorage", "d", 8), ("FloatStorage", "f", 4), ("HalfStorage", "e", 2), ("BFloat16Storage", "bf16", 2)]:
    cls = type(name, (), {})
    cls.__module__ = "torch"
    setattr(torch, name, cls)
    STORAGE[name] = (cls, fmt, size)


def widen(values, fmt):
    """The doubles a reader gets from values stored as fmt."""
    if fmt == "bf16":
        out = []
        for v in values:
            bits = struct.unpack("<I", struct.pack("<f", v))[0] >> 16
            out.append(struct.unpack("<f", struct.pack("<I", bits << 16))[0])
        return out
    return [struct.unpack("<" + fmt, struct.pack("<" + fmt, v))[0] for v in values]


def pack(values, fmt, big):
    order = ">" if big else "<"
    if fmt == "bf16":
        return b"".join(struct.pack(order + "H", struct.unpack("<I", struct.pack("<f", v))[0] >> 16) for v in values)
    return b"".join(struct.pack(order + fmt, v) for v in values)


class Storage:
    def __init__(self, key, kind, values):
        self.key, self.kind, self.values = key, kind, values
        self.cls, self.fmt, self.size = STORAGE[kind]
        self.stored = widen(values, self.fmt)


class Tensor:
    def __init__(self, storage, offset, shape, stride):
        self.storage, self.offset, self.shape, self.stride = storage, offset, tuple(shape), tuple(stride)

    def __reduce_ex__(self, protocol):
        return (_rebuild_tensor_v2, (self.storage, self.offset, self.shape, self.stride, False, collections.OrderedDict()))

    def rows(self):
        """The tensor's values, row-major, as nested lists (what the JSON model holds)."""
        def at(index):
            k = self.offset + sum(i * s for i, s in zip(index, self.stride))
            return self.storage.stored[k]
        if len(self.shape) == 1:
            return [at((i,)) for i in range(self.shape[0])]
        return [[at((i, j)) for j in range(self.shape[1])] for i in range(self.shape[0])]


class Pickler(pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, Storage):
            return ("storage", obj.cls, obj.key, "cpu", len(obj.values))
        return None


def save(path, state_dict, storages, protocol=2, big=False, archive=None):
    buf = io.BytesIO()
    Pickler(buf, protocol=protocol).dump(state_dict)
    archive = archive or os.path.splitext(os.path.basename(path))[0]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr(f"{archive}/data.pkl", buf.getvalue())
        z.writestr(f"{archive}/byteorder", "big" if big else "little")
        for s in storages:
            z.writestr(f"{archive}/data/{s.key}", pack(s.values, s.fmt, big))
        z.writestr(f"{archive}/version", "3\n")


def contiguous(storage, offset, shape):
    stride = (shape[1], 1) if len(shape) == 2 else (1,)
    return Tensor(storage, offset, shape, stride)


def expected(path, header, tensors):
    doc = {"format": "unroll-model", "version": 1}
    doc.update(header)
    doc["state_dict"] = {k: t.rows() for k, t in tensors.items()}
    with open(path, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")


rng = random.Random(15)


def uniform(n, bound=0.6):
    return [rng.uniform(-bound, bound) for _ in range(n)]


# 1. An rnn (relu, from the sidecar) whose tensors share ONE float64 storage at different offsets,
#    weight_hh_l0 a transposed (strided) view; nested prefixes; an OrderedDict with _metadata (BUILD);
#    an unrelated extra tensor that is ignored with a warning.
I, H, O = 4, 3, 4
sizes = [H * I, H * H, H, H, O * H, O, 2]
shared = Storage("0", "DoubleStorage", uniform(sum(sizes)))
offs = [sum(sizes[:k]) for k in range(len(sizes))]
t = {
    "model.rnn.weight_ih_l0": contiguous(shared, offs[0], (H, I)),
    "model.rnn.weight_hh_l0": Tensor(shared, offs[1], (H, H), (1, H)),
    "model.rnn.bias_ih_l0": contiguous(shared, offs[2], (H,)),
    "model.rnn.bias_hh_l0": contiguous(shared, offs[3], (H,)),
    "model.out.weight": contiguous(shared, offs[4], (O, H)),
    "model.out.bias": contiguous(shared, offs[5], (O,)),
    "model.scale.running_mean": contiguous(shared, offs[6], (2,)),
}
sd = collections.OrderedDict(t)
sd._metadata = collections.OrderedDict([("", {"version": 1}), ("model.rnn", {"version": 1}), ("model.out", {"version": 1})])
save(os.path.join(OUT, "sd-rnn-relu-strided.pt"), sd, [shared])
vocab = ["a", "b", "c", "d"]
with open(os.path.join(OUT, "sd-rnn-relu-strided.json"), "w") as f:
    json.dump({"nonlinearity": "relu", "vocab": vocab, "name": "strided relu rnn"}, f)
expected(os.path.join(OUT, "sd-rnn-relu-strided.expected-model.json"),
         {"cell": "rnn", "nonlinearity": "relu", "input_size": I, "hidden_size": H, "vocab": vocab, "name": "strided relu rnn"},
         {"weight_ih_l0": t["model.rnn.weight_ih_l0"], "weight_hh_l0": t["model.rnn.weight_hh_l0"],
          "bias_ih_l0": t["model.rnn.bias_ih_l0"], "bias_hh_l0": t["model.rnn.bias_hh_l0"],
          "head.weight": t["model.out.weight"], "head.bias": t["model.out.bias"]})

# 2. A gru in float16 (weights) and bfloat16 (biases), big-endian, pickle protocol 4 (FRAME,
#    SHORT_BINUNICODE, MEMOIZE, STACK_GLOBAL); a plain dict; no read-out.
I, H = 3, 2
st = {k: Storage(str(n), kind, uniform(c))
      for n, (k, kind, c) in enumerate([("wih", "HalfStorage", 3 * H * I), ("whh", "HalfStorage", 3 * H * H),
                                         ("bih", "BFloat16Storage", 3 * H), ("bhh", "BFloat16Storage", 3 * H)])}
t = {"gru.weight_ih_l0": contiguous(st["wih"], 0, (3 * H, I)), "gru.weight_hh_l0": contiguous(st["whh"], 0, (3 * H, H)),
     "gru.bias_ih_l0": contiguous(st["bih"], 0, (3 * H,)), "gru.bias_hh_l0": contiguous(st["bhh"], 0, (3 * H,))}
save(os.path.join(OUT, "sd-gru-half-big.pt"), dict(t), list(st.values()), protocol=4, big=True, archive="archive")
expected(os.path.join(OUT, "sd-gru-half-big.expected-model.json"), {"cell": "gru", "input_size": I, "hidden_size": H},
         {k.split(".", 1)[1]: v for k, v in t.items()})

# 3. Hostile and broken files: each must be refused with exit 65, nothing run.
class Evil:
    def __init__(self, fn, arg):
        self.fn, self.arg = fn, arg

    def __reduce__(self):
        return (self.fn, (self.arg,))


import builtins
marker = os.path.join("/tmp", "unroll-pwned")
for name, fn, arg in [("evil-os-system.pt", os.system, f"touch {marker}"), ("evil-eval.pt", builtins.eval, "1+1")]:
    buf = io.BytesIO()
    pickle.Pickler(buf, protocol=2).dump({"lstm.weight_ih_l0": Evil(fn, arg)})
    with zipfile.ZipFile(os.path.join(OUT, name), "w", zipfile.ZIP_STORED) as z:
        z.writestr("evil/data.pkl", buf.getvalue())
        z.writestr("evil/version", "3\n")

good = open(os.path.join(OUT, "sd-rnn-relu-strided.pt"), "rb").read()
open(os.path.join(OUT, "bad-truncated.pt"), "wb").write(good[: len(good) // 2])

I, H = 2, 2
s = Storage("0", "FloatStorage", uniform(4 * H * I))
sd = {"lstm.weight_ih_l0": contiguous(s, 0, (4 * H, I)), "lstm.weight_hh_l0": contiguous(s, 0, (4 * H, H))}
buf = io.BytesIO()
Pickler(buf, protocol=2).dump(sd)
with zipfile.ZipFile(os.path.join(OUT, "bad-short-storage.pt"), "w", zipfile.ZIP_STORED) as z:
    z.writestr("short/data.pkl", buf.getvalue())
    z.writestr("short/byteorder", "little")
    z.writestr("short/data/0", pack(s.values[:-3], "f", False))
    z.writestr("short/version", "3\n")
s = Storage("0", "FloatStorage", uniform(4 * H * I))
save(os.path.join(OUT, "bad-missing-whh.pt"), {"lstm.weight_ih_l0": contiguous(s, 0, (4 * H, I))}, [s])
print("wrote fixtures to", os.path.abspath(OUT))
