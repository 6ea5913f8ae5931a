"""Writes CIFAR-10N's crowd labels as a long CSV (task,worker,label,true_label) on stdout.

CIFAR-10_human.pt is a zip whose payload is a pickled dict of numpy int64 arrays, so it
loads without torch. random_labelK of image i was given by WorkerK-id of the side-info row
covering i (rows cover 10 consecutive images). Used by build-bundled.mjs; needs numpy.

    python3 cifar10n-to-csv.py path/to/shared/datasets/cifar10n > cifar10n.csv
"""
import csv
import pickle
import sys
import zipfile
from pathlib import Path

folder = Path(sys.argv[1])
with zipfile.ZipFile(folder / "CIFAR-10_human.pt") as archive:
    payload = next(n for n in archive.namelist() if n.endswith("data.pkl"))
    data = pickle.loads(archive.read(payload))

workers = {}
with open(folder / "side_info_cifar10N.csv", newline="") as f:
    for row in csv.DictReader(f):
        first, last = (int(x) for x in row["Image-batch"].split("--"))
        for image in range(first, last + 1):
            workers[image] = [row["Worker1-id"], row["Worker2-id"], row["Worker3-id"]]

out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["task", "worker", "label", "true_label"])
gold = data["clean_label"]
for image in range(len(gold)):
    for k in range(3):
        out.writerow([image, workers[image][k], int(data[f"random_label{k + 1}"][image]), int(gold[image])])
