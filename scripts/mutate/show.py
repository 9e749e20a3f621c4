import json, collections, sys
for f in sys.argv[1:]:
    d = json.load(open(f))
    c = collections.Counter(v["status"] for v in d.values())
    print(f, dict(c))
    for k, v in d.items():
        if v["status"] not in ("killed", "timeout"):
            print(" ", v["status"], k, "L%d" % v["m"]["line"], v["m"]["desc"], v.get("tests"))
