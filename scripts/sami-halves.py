# The SAMI bound (log C − InfoNCE loss) and its two halves (rows: which response, given the constitution; columns:
# which constitution, given the response), on per-token means and on summed log-probs, from `samsara logprobs` output.
import json, math, sys
def halves(M):
    C=len(M); row=col=0
    for k in range(C):
        row+=(math.log(sum(math.exp(M[k][j]) for j in range(C)))-M[k][k])/C
        col+=(math.log(sum(math.exp(M[i][k]) for i in range(C)))-M[k][k])/C
    return math.log(C)-row, math.log(C)-col
for f in sys.argv[1:]:
    q={}
    for l in open(f):
        r=json.loads(l); qid,i,j=r['id'].split('|'); q.setdefault(qid,{})[(int(i),int(j))]=r
    res={}
    for kind in ('mean_logprob','sum_logprob'):
        hs=[halves([[d[(i,j)][kind] for j in range(4)] for i in range(4)]) for d in q.values()]
        r_=sum(h[0] for h in hs)/len(hs); c_=sum(h[1] for h in hs)/len(hs)
        res[kind]=(r_,c_,(r_+c_)/2)
    print(f"| {f.replace('val-lp-','').replace('.jsonl','')} | " + " | ".join(f"{res[k][2]:.3f} (rows {res[k][0]:.3f}, columns {res[k][1]:.3f})" for k in ('mean_logprob','sum_logprob')) + f" | {len(q)} |")
