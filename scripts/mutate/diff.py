"""Print each surviving mutant as the changed line(s): python diff.py results.json [prefix]"""
import ast, difflib, json, sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from mutants import Mutant, mutated_source
root = Path.cwd() if (Path.cwd() / "imgcost_gui").is_dir() else Path("/tmp/mut/repo")
d = json.load(open(sys.argv[1]))
pre = sys.argv[2] if len(sys.argv) > 2 else ""
for k, v in d.items():
    if v["status"] in ("killed", "timeout") or not k.startswith(pre):
        continue
    m = Mutant(**v["m"])
    o, c = mutated_source(m, root)
    a, b = ast.unparse(o).splitlines(), ast.unparse(c).splitlines()
    ch = [l for l in difflib.unified_diff(a, b, lineterm="", n=0) if l[:1] in "+-" and l[:3] not in ("+++", "---")]
    print(f"{v['status']:8} {k} L{m.line} {m.desc}")
    for l in ch: print("     ", l.strip()[:150])
