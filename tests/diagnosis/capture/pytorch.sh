#!/usr/bin/env bash
# PyTorch (CPU build, Debian's python3-torch) errors, domain "pytorch".
# Needs `apt-get install python3-torch`; the script skips itself without it.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
TPY=/usr/bin/python3
if ! $TPY -c 'import torch' 2>/dev/null; then
    echo "pytorch.sh: python3-torch not installed (apt-get install -y python3-torch); skipping" >&2
    exit 0
fi

c_not_compiled_cuda() {
    fresh churn-model
    cat >train.py <<'EOF'
import torch
from torch import nn


class ChurnNet(nn.Module):
    def __init__(self, n_features=24):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(n_features, 64), nn.ReLU(), nn.Linear(64, 1))

    def forward(self, x):
        return self.body(x)


def build(device="cuda"):
    model = ChurnNet()
    return model.to(device)


if __name__ == "__main__":
    model = build()
    print(model)
EOF
    $TPY train.py
}

c_backward_twice() {
    fresh gan-step
    cat >step.py <<'EOF'
import torch
from torch import nn

gen = nn.Linear(8, 8)
disc = nn.Linear(8, 1)
opt_g = torch.optim.SGD(gen.parameters(), lr=0.01)
opt_d = torch.optim.SGD(disc.parameters(), lr=0.01)

z = torch.randn(16, 8)
fake = gen(z)
d_loss = disc(fake).mean()
d_loss.backward()
opt_d.step()

g_loss = -disc(fake).mean() + d_loss  # reuses the already-freed graph of d_loss
g_loss.backward()
opt_g.step()
EOF
    $TPY step.py
}

c_state_dict() {
    fresh ckpt-load
    cat >export.py <<'EOF'
import torch
from torch import nn


def model():
    return nn.Sequential(nn.Linear(16, 32), nn.ReLU(), nn.Linear(32, 4))


# checkpoint written by the multi-GPU trainer (DataParallel adds "module.")
torch.save(nn.DataParallel(model()).state_dict(), "forecast-epoch12.pt")

serving = model()
serving.load_state_dict(torch.load("forecast-epoch12.pt"))
EOF
    $TPY export.py
}

c_cuda_checkpoint() {
    fresh ckpt-cuda
    # a checkpoint saved on a GPU box: same file format, storages tagged cuda:0
    $TPY - <<'EOF'
import io, torch, zipfile
buf = io.BytesIO()
torch.save({"epoch": 12, "weight": torch.ones(4, 4)}, buf)
src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
with zipfile.ZipFile("ranker-gpu.pt", "w", zipfile.ZIP_STORED) as dst:
    for info in src.infolist():
        data = src.read(info.filename)
        if info.filename.endswith("data.pkl"):
            data = data.replace(b"X\x03\x00\x00\x00cpu", b"X\x06\x00\x00\x00cuda:0")
        dst.writestr(info, data)
EOF
    cat >serve.py <<'EOF'
import torch


def load_ranker(path):
    state = torch.load(path)
    return state["weight"]


print(load_ranker("ranker-gpu.pt").shape)
EOF
    $TPY serve.py
}

c_cat_size() {
    fresh feature-concat
    cat >features.py <<'EOF'
import torch

numeric = torch.randn(64, 12)
embedded = torch.randn(32, 16)   # batch from a different loader
batch = torch.cat([numeric, embedded], dim=1)
print(batch.shape)
EOF
    $TPY features.py
}

c_worker_killed() {
    fresh tile-loader
    cat >loader.py <<'EOF'
import os
import signal
import torch
from torch.utils.data import DataLoader, Dataset


class SatelliteTiles(Dataset):
    def __len__(self):
        return 512

    def __getitem__(self, i):
        if i == 97:
            # stands in for the kernel OOM killer hitting this worker
            os.kill(os.getpid(), signal.SIGKILL)
        return torch.zeros(3, 64, 64)


def epoch(loader):
    total = 0
    for batch in loader:
        total += batch.shape[0]
    return total


if __name__ == "__main__":
    print(epoch(DataLoader(SatelliteTiles(), batch_size=32, num_workers=2)))
EOF
    $TPY loader.py
}

cap pytorch torch-not-compiled-with-cuda c_not_compiled_cuda
cap pytorch torch-backward-graph-second-time c_backward_twice
cap pytorch torch-state-dict-module-prefix c_state_dict
cap pytorch torch-load-cuda-checkpoint-on-cpu c_cuda_checkpoint
cap pytorch torch-cat-sizes-must-match c_cat_size
cap pytorch torch-dataloader-worker-killed c_worker_killed
