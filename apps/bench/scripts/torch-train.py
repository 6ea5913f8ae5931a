"""Trains a learning-from-crowds model with PyTorch on one CPU thread, on a
dataset the bench exported (features.npy, test-features.npy, crowd.json),
with the schedule of crowdlearn's preset for it; prints one JSON line:
setup and training seconds, seconds per 100 steps, peak RSS and test
accuracy. Models (argv[2]): crowdlayer (Crowdlayer MW, Rodrigues & Pereira
2018: softmax(f W_r), W_r from the identity), anno-reg (Tanno et al. 2019:
f times row-softmaxed confusion logits from the identity, plus 0.01 times
the mean trace), mv-dl (cross-entropy on majority-vote labels). Run by the
bench's perf-neural suite as the side-by-side of `crowdlearn train`; written
from specs/dasc.md §5 and the papers, not from crowdlearn's code."""
import json
import math
import resource
import sys
import time

start = time.perf_counter()
import numpy as np
import torch

torch.set_num_threads(1)
folder = sys.argv[1]
model = sys.argv[2] if len(sys.argv) > 2 else 'crowdlayer'
with open(f'{folder}/crowd.json') as f:
    crowd = json.load(f)
x = torch.from_numpy(np.load(f'{folder}/features.npy').astype(np.float32))
test_x = torch.from_numpy(np.load(f'{folder}/test-features.npy').astype(np.float32))
test_gold = torch.tensor(crowd['testGold'])
item = torch.tensor(crowd['item'])
worker = torch.tensor(crowd['worker'])
label = torch.tensor(crowd['label'])
N, R, K = crowd['numItems'], crowd['numWorkers'], crowd['numClasses']
preset = crowd['preset']  # hidden, batchNorm, dropout, standardize, epochs, batchSize, learningRate, weightDecay
torch.manual_seed(0)

if preset['standardize']:
    mean, std = x.mean(0), x.std(0, unbiased=False).clamp_min(1e-8)
    x, test_x = (x - mean) / std, (test_x - mean) / std

layers = []
width = x.shape[1]
for h in preset['hidden']:
    dense = torch.nn.Linear(width, h)
    torch.nn.init.xavier_uniform_(dense.weight)
    torch.nn.init.zeros_(dense.bias)
    layers.append(dense)
    if preset['batchNorm']:
        layers.append(torch.nn.BatchNorm1d(h))
    layers.append(torch.nn.ReLU())
    if preset['dropout'] > 0:
        layers.append(torch.nn.Dropout(preset['dropout']))
    width = h
out = torch.nn.Linear(width, K)
torch.nn.init.xavier_uniform_(out.weight)
torch.nn.init.zeros_(out.bias)
net = torch.nn.Sequential(*layers, out)
# the worker model: one K x K matrix per worker, starting at the identity (Anno-Reg: its logits)
crowd_layer = torch.nn.Parameter(torch.eye(K).repeat(R, 1, 1))
params = list(net.parameters()) + ([] if model == 'mv-dl' else [crowd_layer])
# MV-DL's targets: each item's most frequent label (lowest class on a tie)
votes = torch.zeros(N, K).index_put_((item, label), torch.ones(len(item)), accumulate=True)
majority = votes.argmax(1)
optimizer = torch.optim.Adam(params, lr=preset['learningRate'])
decayed = [m.weight for m in net if isinstance(m, torch.nn.Linear)]

# minibatches of the items with annotations
annotated = torch.nonzero(torch.bincount(item, minlength=N) > 0).flatten()
position_of = torch.full((N,), -1, dtype=torch.long)
setup = time.perf_counter() - start

steps = 0
train_start = time.perf_counter()
generator = torch.Generator().manual_seed(0)
for epoch in range(preset['epochs']):
    net.train()
    permutation = annotated[torch.randperm(len(annotated), generator=generator)]
    for s in range(math.ceil(len(annotated) / preset['batchSize'])):
        batch = permutation[s * preset['batchSize']:(s + 1) * preset['batchSize']]
        # the batch's annotations, and each one's row in the batch (vectorised: no Python loop per item)
        position_of[batch] = torch.arange(len(batch))
        rows = torch.nonzero(position_of[item] >= 0).flatten()
        position = position_of[item[rows]]
        position_of[batch] = -1
        if model == 'mv-dl':
            loss = torch.nn.functional.cross_entropy(net(x[batch]), majority[batch])
        else:
            f = torch.softmax(net(x[batch]), 1)[position]
            if model == 'crowdlayer':
                annotation = torch.softmax(torch.bmm(f.unsqueeze(1), crowd_layer[worker[rows]]).squeeze(1), 1)
            else:
                confusion = torch.softmax(crowd_layer, 2)
                annotation = torch.bmm(f.unsqueeze(1), confusion[worker[rows]]).squeeze(1)
            loss = -torch.log(annotation.gather(1, label[rows].unsqueeze(1)).clamp_min(1e-7)).mean()
            if model == 'anno-reg':
                loss = loss + 0.01 * torch.diagonal(confusion, dim1=1, dim2=2).sum(1).mean()
        if preset['weightDecay'] > 0:
            loss = loss + preset['weightDecay'] * sum((w * w).sum() for w in decayed)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        steps += 1
train = time.perf_counter() - train_start

net.eval()
with torch.no_grad():
    accuracy = (net(test_x).argmax(1) == test_gold).float().mean().item()
    # this build's single-thread matrix product rate: Debian's python3-torch uses a generic BLAS
    # (a few GFLOP/s), a pip wheel MKL (tens); the ratio above depends on it for wide inputs
    a, b = torch.randn(512, 512), torch.randn(512, 128)
    probe = time.perf_counter()
    for _ in range(50):
        a @ b
    gflops = 50 * 2 * 512 * 512 * 128 / (time.perf_counter() - probe) / 1e9
print(json.dumps({
    'seconds': train,
    'peakRssMiB': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    'detail': {'setupSeconds': setup, 'steps': steps, 'secondsPer100Steps': 100 * train / steps, 'testAccuracy': accuracy, 'torch': torch.__version__, 'matmulGflops': gflops},
}))
