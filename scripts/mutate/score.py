"""Score per module: python score.py results.json [more.json ...] (later files win)."""
import collections, json, sys
d = {}
for f in sys.argv[1:]:
    d.update(json.load(open(f)))
per = collections.defaultdict(collections.Counter)
for k, v in d.items():
    per[k.split(":")[0]][v["status"]] += 1
T = collections.Counter()
print(f"{'module':15} killed/total  survived no_tests error")
ORDER = ["billing","token","per_image","per_megapixel","fixed_token","subscription","memo","tokens","compare","calendar","prices","estimate","sizes","overrides","layered","overrides_file","catalog","pricing","catalog_base","results",
         "answer","column","columns","comparison","tips","text","lifecycle","state","charts","cells","volume","scales"]
for m in sorted(per, key=lambda m: (ORDER.index(m) if m in ORDER else len(ORDER), m)):
    c = per[m]; T.update(c)
    k = c["killed"] + c["timeout"]; tot = sum(c.values())
    print(f"{m:15} {k:3}/{tot:3} {100*k/tot:4.0f}%  {c['survived']:3} {c['no_tests']:3} {c['error']}")
k = T["killed"] + T["timeout"]; tot = sum(T.values())
print(f"{'total':15} {k:3}/{tot:3} {100*k/tot:4.0f}%  {T['survived']:3} {T['no_tests']:3} {T['error']}")
