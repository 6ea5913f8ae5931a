"""Times one crowd-kit aggregator on a long CSV (task,worker,label) and scores it
against a gold CSV (task,label); prints one JSON line. Run by the bench's
perf-aggregators suite for its side-by-side with crowd-kit."""
import csv
import json
import resource
import sys
import time

import pandas as pd
from crowdkit import aggregation

CLASSES = {
    'mv': 'MajorityVote',
    'wawa': 'Wawa',
    'zbs': 'ZeroBasedSkill',
    'ds': 'DawidSkene',
    'one-coin-ds': 'OneCoinDawidSkene',
    'glad': 'GLAD',
    'mace': 'MACE',
}

method, data_path, gold_path = sys.argv[1:4]
frame = pd.read_csv(data_path)
model = getattr(aggregation, CLASSES[method])()
start = time.perf_counter()
predicted = model.fit_predict(frame).to_dict()
seconds = time.perf_counter() - start
with open(gold_path, newline='') as f:
    gold = {row['task']: row['label'] for row in csv.DictReader(f)}
# pandas reads numeric task ids as integers; the gold dictionary has strings
hits = sum(1 for task, label in gold.items() if str(predicted.get(int(task), predicted.get(task))) == label)
peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({'seconds': seconds, 'peakRssMiB': peak_mib, 'detail': {'accuracy': hits / len(gold)}}))
