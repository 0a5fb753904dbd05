# Module tree of src/ with line counts (unit tests, x/tests.rs, counted apart): python3 ops/dev/module_tree.py [src]
import os,sys
root=sys.argv[1] if len(sys.argv)>1 else 'src'
def lines(p): return sum(1 for _ in open(p))
out=[]
def module(name,file,folder,depth):
    code=lines(file) if file else 0
    tests=0
    if folder and os.path.exists(os.path.join(folder,'tests.rs')): tests=lines(os.path.join(folder,'tests.rs'))
    idx=len(out); out.append([depth,name,code,tests,0])
    sub=0
    if folder and os.path.isdir(folder):
        sub=children(folder,depth+1)
    out[idx][4]=code+sub
    return code+sub
def children(d,depth):
    total=0
    entries=sorted(os.listdir(d))
    names=set()
    for e in entries:
        if e.endswith('.rs') and e not in ('mod.rs','tests.rs','lib.rs'): names.add(e[:-3])
        elif os.path.isdir(os.path.join(d,e)) and e!='tests': names.add(e)
    for n in sorted(names):
        f=os.path.join(d,n+'.rs'); folder=os.path.join(d,n)
        if not os.path.exists(f):
            f=os.path.join(folder,'mod.rs')
            if not os.path.exists(f): continue
        total+=module(n,f,folder,depth)
    return total
grand=children(root,0)
for depth,name,code,tests,tot in out:
    label='  '*depth+name
    extra=f"  (+{tests} test lines)" if tests else ''
    print(f"{label:<44}{tot:>6}{extra}")
print(f"{'src total (lib.rs, main.rs aside)':<44}{grand:>6}")
