/*
 * hoard: the two-phase handoff of one object X between the logs of two groups, A and B, as
 * src/ownership/handoff.ts, src/ownership/table.ts and src/groups/state-machine.ts implement it.
 * README.md beside this file says what is modelled and how, the bounds, the results and what the
 * model found in the code. Run everything with `npm run model` (docs/models/run.sh).
 *
 * Bounds and modes (-D...):
 *   CMAX=n      the highest epoch counter a handoff-out may reach (default 3: A -> B -> A;
 *               at most 5)
 *   TMAX=n      the highest term of each group: TMAX-1 leader changes each (default 2; at most 3)
 *   LOCATOR     add a requester walking the groups' forwarding pointers (property e)
 *   LIVE        consuming transfers, bounded faults, one process per action: for the liveness
 *               properties (c), checked with weak fairness (pan -a -f)
 *   F=n         LIVE: the fault budget (timeouts before an answer could arrive, lost or
 *               duplicated transfers; default 2)
 *   REACH=n     add an assertion that fails when scenario n is reachable (a check that the model
 *               is not vacuous, and that each guard the code's fixes added is exercised):
 *                 1 A -> B -> A            2 refused, then cancelled
 *                 3 A -> B -> A with a leader change in both groups
 *                 4 B owns X a second time (B -> A -> B)
 *                 5 B answers `accepted` to a transfer its committed log refused (CMAX >= 4)
 *                 6 a stale answer reaches a ready leader of A, which ignores it (TMAX >= 3)
 *                 7 a copy of a transfer arrives while the entry it is answered from is uncommitted
 *                 8 a ready leader's outbox holds a handoff-out that is not committed yet
 * Broken protocols (each must yield a counterexample):
 *   EARLY_SEND          A sends the transfer as soon as handoff-out is appended, before it commits
 *   EARLY_ACCEPT        B answers `accepted` as soon as handoff-in is appended, before it commits
 *   UNLOGGED_REFUSAL    B says `refused` without logging it: A cancels without B's logged refusal
 *   MEMORY_ANSWER       B answers a resent transfer from its table in memory (speculative entries
 *                       included) without waiting for the entry it read to commit
 *   ANY_REDIRECT        the requester follows a redirect that does not raise the epoch (LOCATOR)
 *   NO_RETRY            (LIVE) no retry loop: only handOut sends, once (liveness counterexample)
 * The code before its fixes: drafts of src/ownership/handoff.ts and table.ts that this model was
 * first checked against. They are not in the git history: commit 5fa803f, which added
 * handoff.ts, has the fixes. Each variant yields a counterexample (the current code is the default model):
 *   CODE_TIMEOUT_RESEND send() sends any unsettled `out` in the table, committed or not, so after
 *                       handOut's wait for the commit times out the retry loop lets an uncommitted
 *                       handoff-out leave (fixed: send() only when stateIndex <= committedIndex)
 *   CODE_STALE_ANSWER   an answer is logged against the state captured when send() started, not
 *                       the state when the answer arrives (table.cancel then threw in the log;
 *                       fixed: send() re-reads the state, cancel/settle are no-ops when stale).
 *                       Needs TMAX=3: A's leadership goes n0 -> n1 -> n0
 *   CODE_HANDLER_GAP    handleTransfer decides from the table, awaits, then appends: two copies
 *                       of one transfer both append handoff-in (table.in then threw in the log;
 *                       fixed: the `receiving` set and a synchronous re-check before the append,
 *                       and table.in is a no-op at or below the logged epoch)
 */

#ifndef CMAX
#define CMAX 3
#endif
#ifndef TMAX
#define TMAX 2
#endif
#ifndef F
#define F 2
#endif
#if CMAX > 5 || TMAX > 3
#error "the epoch sets hold counters up to 6 and terms up to 3"
#endif

#define L 12                    /* log slots per group; entries at 1 .. L-1 */

/* log entries (the moves of src/groups/pb/log.proto, the create-in, a new leader's first entry) */
#define K_NOOP   1              /* a new leader's first entry of its term */
#define K_CREATE 2              /* create-in: X starts owned at A at epoch (1,1) */
#define K_OUT    3              /* handoff-out(X, epoch, to the other group, carried state) */
#define K_IN     4              /* handoff-in(X, epoch) */
#define K_REF    5              /* refused(X, epoch) */
#define K_ACK    6              /* acked(X, epoch) */
#define K_CANCEL 7              /* cancel(X, epoch): X back here at a higher epoch */

/* a group's state of X (KeyState in src/ownership/table.ts); S_NONE: no record */
#define S_NONE    0
#define S_OWNED   1
#define S_OUT     2
#define S_REFUSED 3

/* the epoch (counter, term), compared in that order: packed so that < on packings is that order */
#define EP(c, t)  ((c) * 4 + (t))
#define CNT(e)    ((e) / 4)
#define TRM(e)    ((e) % 4)
#define BIT(e)    (1 << (e))

typedef Node {
  byte prep;                    /* handOut awaits its handoff-out at this index (the `preparing` set) */
  byte snd                      /* send() awaits the answer to its transfer at this epoch (`sending`) */
#ifdef CODE_HANDLER_GAP
  ;
  int gap;                      /* CODE_HANDLER_GAP: handlers past fromLog, not yet appended (epochs) */
  int gap2                      /*   ... a second handler of the same epoch */
#endif
}

typedef Group {
  byte kind[L];                 /* the log: entry kind and X's epoch in it (an entry's own term is
                                   left out: nothing here depends on it, the cut at a leader change
                                   is chosen explicitly) */
  byte ep[L];
  byte last;                    /* index of the last entry */
  byte commit;                  /* committed index */
  byte term;                    /* current term */
  byte first;                   /* the leader's first entry of its term: ready (isReady) once committed */
  bit ldr;                      /* which of two nodes leads: a deposed node keeps its pending work */
  Node node[2];
  /* X's state after the whole log (the leader's table, speculative entries included) ... */
  byte st; byte se; bit ss; byte si;
  /* ... and after the committed prefix (what every later leader starts from) */
  byte cst; byte cse; bit css; byte csi;
  int owned;                    /* every epoch at which the committed log made X owned here */
  /* answers (epoch sets) that handlers send once the entry at index i commits */
  int pacc[L];
  int pref[L];
  int pend;                     /* the union of pacc and pref (derived) */
  /* the network: transfers this group sent (epochs); answers sent to it (epochs) */
  int tr;
  int acc;
  int ref
}

Group g[2];

#if REACH == 5
int refd;                       /* epochs B's committed log refused (ghost) */
#endif

#ifdef LIVE
byte faults;                    /* faults spent of the budget F */
#endif

#ifdef LOCATOR
/* a requester (a task on a third node, or a remote read) following forwarding pointers */
bit lw;                         /* walking */
bit lt;                         /* the group it asks next */
byte lk;                        /* the highest epoch it knows */
byte lh;                        /* redirects followed in this walk */
#endif

hidden byte he;                 /* scratch (never part of a state) */
hidden byte hk;
hidden byte hi;
hidden int hown;

#define READY(G)  (g[G].commit >= g[G].first)
#define LEAD(G)   g[G].node[g[G].ldr]
#define NAME(G)   (65 + (G))

/* nondeterministically pick one epoch (into he) from a non-empty set */
#define PICK(S) \
  if \
  :: ((S) & BIT(EP(1,1))) -> he = EP(1,1) :: ((S) & BIT(EP(1,2))) -> he = EP(1,2) :: ((S) & BIT(EP(1,3))) -> he = EP(1,3) \
  :: ((S) & BIT(EP(2,1))) -> he = EP(2,1) :: ((S) & BIT(EP(2,2))) -> he = EP(2,2) :: ((S) & BIT(EP(2,3))) -> he = EP(2,3) \
  :: ((S) & BIT(EP(3,1))) -> he = EP(3,1) :: ((S) & BIT(EP(3,2))) -> he = EP(3,2) :: ((S) & BIT(EP(3,3))) -> he = EP(3,3) \
  :: ((S) & BIT(EP(4,1))) -> he = EP(4,1) :: ((S) & BIT(EP(4,2))) -> he = EP(4,2) :: ((S) & BIT(EP(4,3))) -> he = EP(4,3) \
  :: ((S) & BIT(EP(5,1))) -> he = EP(5,1) :: ((S) & BIT(EP(5,2))) -> he = EP(5,2) :: ((S) & BIT(EP(5,3))) -> he = EP(5,3) \
  :: ((S) & BIT(EP(6,1))) -> he = EP(6,1) :: ((S) & BIT(EP(6,2))) -> he = EP(6,2) :: ((S) & BIT(EP(6,3))) -> he = EP(6,3) \
  fi

/*
 * One entry applied to a state of X: OwnershipTable own/out/in/refuse/settle/cancel. CHK is
 * property (d), checked when an entry is appended: no handoff-out unless X is owned here (out()
 * throws otherwise, and Group.append pushes the set into the batch before applying it, so a set
 * that throws still reaches the log and every member throws when it commits), no handoff-in at or
 * below the logged epoch and no cancel of a handoff not unsettled `out` (the drafts threw there; the
 * code now treats both as no-ops: the model checks that the protocol never even appends them).
 * On the committed state (UNCHECKED) the model folds entries without the checks; that is the
 * same as the code's no-ops because the checked append never lets such an entry into a log.
 */
#define APPLY(ST, SE, SS, SI, OWN, K, E, I, CHK) \
  if \
  :: (K) == K_CREATE -> ST = S_OWNED; SE = E; SS = 0; SI = I; OWN = OWN | BIT(E) \
  :: (K) == K_OUT -> CHK(ST == S_OWNED); CHK((E) > SE); ST = S_OUT; SE = E; SS = 0; SI = I \
  :: (K) == K_IN -> CHK((E) > SE); ST = S_OWNED; SE = E; SS = 0; SI = I; OWN = OWN | BIT(E) \
  :: (K) == K_REF -> if :: (ST != S_NONE && (E) <= SE) -> skip :: else -> ST = S_REFUSED; SE = E; SS = 0; SI = I fi \
  :: (K) == K_ACK -> if :: (ST == S_OUT && SE == (E) && !SS) -> SS = 1; SI = I :: else -> skip fi \
  :: (K) == K_CANCEL -> CHK(ST == S_OUT && !SS); CHK((E) > SE); ST = S_OWNED; SE = E; SS = 0; SI = I; OWN = OWN | BIT(E) \
  :: (K) == K_NOOP -> skip \
  fi
#define CHECKED(c) assert(c)
#define UNCHECKED(c) skip

/* X's whereabouts, from the committed logs */
#define OWNS(G)     (g[G].cst == S_OWNED)
#define CARRIES(G)  (g[G].cst == S_OUT && !g[G].css)
#define PENDING     (CARRIES(0) || CARRIES(1))

/* (a) and (b), checked after every step */
inline invariants() {
  /* (a) at most one group may write X: never two owners at once, nor one epoch owned by both */
  assert(!(OWNS(0) && OWNS(1)));
  assert((g[0].owned & g[1].owned) == 0);
  /* (b) X is never in no group: owned, or carried by a committed, unsettled handoff-out that the
     sender keeps sending until the receiver's log answers (so once all messages are delivered
     and every log has committed, X is owned by exactly one group) */
  assert(OWNS(0) || OWNS(1) || PENDING);
#if REACH == 1
  assert(!(OWNS(0) && g[1].owned != 0));                                /* A -> B -> A */
#elif REACH == 2
  assert(!(OWNS(0) && g[1].cst == S_REFUSED && g[0].cse > EP(2,3)));    /* refused, cancelled */
#elif REACH == 3
  assert(!(OWNS(0) && g[1].owned != 0 && g[0].term == TMAX && g[1].term == TMAX)); /* A->B->A, both leaders changed */
#elif REACH == 4
  assert(!(OWNS(1) && g[1].owned != BIT(g[1].cse)));                    /* B owns X a second time */
#elif REACH == 5
  assert((g[0].acc & refd) == 0);      /* B answers `accepted` to a transfer its committed log refused */
#elif REACH == 8
  /* the retry loop of a ready leader finds an unsettled handoff-out whose entry is not committed */
  assert(!(READY(0) && g[0].st == S_OUT && !g[0].ss && g[0].si > g[0].commit && LEAD(0).prep == 0));
#endif
  skip
}

/* the leader of G appends an entry (Group.append: applied to the leader's table at once) */
inline append(G, K, E) {
  assert(g[G].last < L - 1);    /* the bound L is large enough */
  g[G].last++;
  g[G].kind[g[G].last] = K;
  g[G].ep[g[G].last] = E;
  APPLY(g[G].st, g[G].se, g[G].ss, g[G].si, hown, K, E, g[G].last, CHECKED);
  hown = 0
}

inline repend(G) {
  g[G].pend = 0;
  hk = 1;
  do
  :: hk < L -> g[G].pend = g[G].pend | g[G].pacc[hk] | g[G].pref[hk]; hk++
  :: else -> break
  od;
  hk = 0
}

/* the answer (A: accepted or refused) to a transfer of epoch E goes to O now, or once entry I commits */
inline answer_now(O, A, E) {
  if
  :: A -> g[O].acc = g[O].acc | BIT(E)
  :: else -> g[O].ref = g[O].ref | BIT(E)
  fi
}
inline answer_at(G, I, A, E) {
  if
  :: A -> g[G].pacc[I] = g[G].pacc[I] | BIT(E)
  :: else -> g[G].pref[I] = g[G].pref[I] | BIT(E)
  fi;
  g[G].pend = g[G].pend | BIT(E)
}

/* handleTransfer at B past fromLog: log handoff-in or refused, answer once it commits */
inline decide(G, O, E) {
  if
  :: true ->
     printf("%c: append handoff-in %d.%d\n", NAME(G), CNT(E), TRM(E));
     append(G, K_IN, E);
#ifdef EARLY_ACCEPT
     answer_now(O, 1, E)
#else
     answer_at(G, g[G].last, 1, E)
#endif
  :: true ->                    /* the code refuses a floor beyond the clock offset */
#ifdef UNLOGGED_REFUSAL
     printf("%c: refuse %d.%d (not logged)\n", NAME(G), CNT(E), TRM(E));
     answer_now(O, 0, E)
#else
     printf("%c: append refused %d.%d\n", NAME(G), CNT(E), TRM(E));
     append(G, K_REF, E);
     answer_at(G, g[G].last, 0, E)
#endif
  fi
}

/* handleTransfer at B (G) of a transfer from A (O) at epoch E */
inline handle(G, O, E) {
  if
  :: (g[G].st != S_NONE && g[G].se >= E) ->
     /* fromLog: the table knows X at E or above: answer from the entry that set it, once committed */
     hk = (g[G].se > E || g[G].st != S_REFUSED);
     printf("%c: transfer %d.%d known (%d.%d), answer %d from entry %d\n", NAME(G), CNT(E), TRM(E), CNT(g[G].se), TRM(g[G].se), hk, g[G].si);
     if
     :: g[G].si <= g[G].commit -> answer_now(O, hk, E)
     :: else ->
#if REACH == 7
        assert(false);          /* a copy of a transfer arrives while the entry it is answered from is not committed */
#endif
#ifdef MEMORY_ANSWER
        answer_now(O, hk, E)
#else
        answer_at(G, g[G].si, hk, E)
#endif
     fi;
     hk = 0
  :: else ->
#ifdef CODE_HANDLER_GAP
     printf("%c: handler of transfer %d.%d past fromLog\n", NAME(G), CNT(E), TRM(E));
     if
     :: (LEAD(G).gap & BIT(E)) -> LEAD(G).gap2 = LEAD(G).gap2 | BIT(E)
     :: else -> LEAD(G).gap = LEAD(G).gap | BIT(E)
     fi
#else
     decide(G, O, E)
#endif
  fi
}

/* a handler of epoch he leaves the gap */
inline ungap(N) {
  if
  :: (N.gap2 & BIT(he)) -> N.gap2 = N.gap2 & ~BIT(he)
  :: else -> N.gap = N.gap & ~BIT(he)
  fi
}

/* send() on node N of G: the unsettled handoff its table shows (ST..) leaves, only if the entry
   that set it (SI) is committed (CODE_TIMEOUT_RESEND: committed or not); the answer is awaited */
#ifdef CODE_TIMEOUT_RESEND
#define SENDABLE(SI, G) 1
#else
#define SENDABLE(SI, G) ((SI) <= g[G].commit)
#endif
inline send(G, N, ST, SE, SS, SI) {
  if
  :: (ST == S_OUT && !SS && SENDABLE(SI, G) && g[G].node[N].snd == 0) ->
     printf("%c/n%d: send transfer %d.%d\n", NAME(G), N, CNT(SE), TRM(SE));
     g[G].tr = g[G].tr | BIT(SE);
     g[G].node[N].snd = SE
  :: else -> skip
  fi
}

/* the answer (A) to node N's send() arrives: logMove, only while the group is writable there */
inline take_answer(G, N, A) {
  he = g[G].node[N].snd;
  g[G].node[N].snd = 0;
  if
  :: (N == g[G].ldr && READY(G)) ->
     printf("%c/n%d: answer %d to %d.%d\n", NAME(G), N, A, CNT(he), TRM(he));
#ifdef CODE_STALE_ANSWER
     if
     :: A -> if :: (g[G].st == S_OUT && g[G].se == he && !g[G].ss) -> append(G, K_ACK, he) :: else -> skip fi
     :: else ->
        printf("%c/n%d: append cancel %d.%d\n", NAME(G), N, CNT(he) + 1, g[G].term);
        append(G, K_CANCEL, EP(CNT(he) + 1, g[G].term))
     fi
#else
     /* logged only against the handoff it answers, if that is still unsettled */
     if
     :: (g[G].st == S_OUT && g[G].se == he && !g[G].ss) ->
        if
        :: A -> append(G, K_ACK, he)
        :: else ->
           printf("%c/n%d: append cancel %d.%d\n", NAME(G), N, CNT(he) + 1, g[G].term);
           append(G, K_CANCEL, EP(CNT(he) + 1, g[G].term))
        fi
     :: else ->                 /* (an `acked` that settles nothing is a no-op entry: left out) */
#if REACH == 6
        assert(false);          /* a stale answer reaches a ready leader (and is ignored) */
#endif
        skip
     fi
#endif
  :: else -> skip
  fi;
  he = 0
}

/* handOut's whenCommitted resolves on node N (leading or not): it sends the handoff */
inline complete(G, N) {
  g[G].node[N].prep = 0;
  printf("%c/n%d: handoff-out at %d committed\n", NAME(G), N, g[G].commit);
  if
  :: N == g[G].ldr -> send(G, N, g[G].st, g[G].se, g[G].ss, g[G].si)
  :: else -> send(G, N, g[G].cst, g[G].cse, g[G].css, g[G].csi)
  fi
}

/* a new leader at a higher term: either node (the deposed one again, or the other) */
inline leader_change(G) {
  g[G].term++;
  if
  :: g[G].ldr = 0
  :: g[G].ldr = 1
  fi;
  /* it holds every committed entry and some prefix of the uncommitted rest */
  hi = g[G].last;
  do
  :: hi > g[G].commit -> hi--
  :: break
  od;
  printf("%c: leader change: n%d leads in term %d, log cut to %d (of %d, %d committed)\n", NAME(G), g[G].ldr, g[G].term, hi, g[G].last, g[G].commit);
  /* the rest is lost: handlers and handOuts awaiting it get CommitLostError */
  do
  :: g[G].last > hi ->
     g[G].kind[g[G].last] = 0; g[G].ep[g[G].last] = 0;
     g[G].pacc[g[G].last] = 0; g[G].pref[g[G].last] = 0;
     g[G].last--
  :: else -> break
  od;
  repend(G);
  if :: g[G].node[0].prep > hi -> g[G].node[0].prep = 0 :: else -> skip fi;
  if :: g[G].node[1].prep > hi -> g[G].node[1].prep = 0 :: else -> skip fi;
  /* the table follows the log: the kept suffix refolded onto the committed state */
  g[G].st = g[G].cst; g[G].se = g[G].cse; g[G].ss = g[G].css; g[G].si = g[G].csi;
  hk = g[G].commit + 1;
  do
  :: hk <= g[G].last ->
     APPLY(g[G].st, g[G].se, g[G].ss, g[G].si, hown, g[G].kind[hk], g[G].ep[hk], hk, UNCHECKED);
     hk++
  :: else -> break
  od;
  hk = 0; hi = 0; hown = 0;
  append(G, K_NOOP, 0);
  g[G].first = g[G].last
}

inline commit_one(G, O) {
  g[G].commit++;
  hk = g[G].commit;
  APPLY(g[G].cst, g[G].cse, g[G].css, g[G].csi, g[G].owned, g[G].kind[hk], g[G].ep[hk], hk, UNCHECKED);
#if REACH == 5
  if :: (G == 1 && g[G].kind[hk] == K_REF) -> refd = refd | BIT(g[G].ep[hk]) :: else -> skip fi;
#endif
  printf("%c: entry %d (kind %d, %d.%d) committed\n", NAME(G), hk, g[G].kind[hk], CNT(g[G].ep[hk]), TRM(g[G].ep[hk]));
  /* handlers awaiting this entry answer now */
  g[O].acc = g[O].acc | g[G].pacc[hk];
  g[O].ref = g[O].ref | g[G].pref[hk];
  g[G].pacc[hk] = 0;
  g[G].pref[hk] = 0;
  hk = 0;
  repend(G)
}

/* ---- the actions, each one atomic step ---- */

/* a handoff request from the other group's task reaches a ready leader that owns X: handOut
   appends handoff-out at (counter + 1, its term); writes to X stop there */
inline act_request(G) {
  atomic { (READY(G) && g[G].st == S_OWNED && LEAD(G).prep == 0 && CNT(g[G].se) < CMAX) ->
    printf("%c/n%d: append handoff-out %d.%d\n", NAME(G), g[G].ldr, CNT(g[G].se) + 1, g[G].term);
    append(G, K_OUT, EP(CNT(g[G].se) + 1, g[G].term));
    LEAD(G).prep = g[G].last;
#ifdef EARLY_SEND
    g[G].tr = g[G].tr | BIT(g[G].se);
#endif
    invariants() }
}

/* handOut: whenCommitted resolves on the node that appended: it sends */
inline act_complete(G, N) {
  atomic { (g[G].node[N].prep != 0 && g[G].commit >= g[G].node[N].prep) -> complete(G, N); invariants() }
}

/* the retry loop of a ready leader sends the unsettled handoff in its table (the outbox) */
inline act_retry(G) {
  atomic { (READY(G) && LEAD(G).prep == 0 && LEAD(G).snd == 0 && g[G].st == S_OUT && !g[G].ss
            && SENDABLE(g[G].si, G)) -> send(G, g[G].ldr, g[G].st, g[G].se, g[G].ss, g[G].si); invariants() }
}

/* an answer reaches the node whose send() awaits it */
inline act_take(G, N) {
  if
  :: atomic { (g[G].node[N].snd != 0 && (g[G].acc & BIT(g[G].node[N].snd))) -> take_answer(G, N, 1); invariants() }
  :: atomic { (g[G].node[N].snd != 0 && (g[G].ref & BIT(g[G].node[N].snd))) -> take_answer(G, N, 0); invariants() }
  fi
}

/* a transfer from the other group reaches the ready leader (safety: any copy, any number of
   times, in any order, or never; LIVE: each copy once, or per the fault budget) */
inline act_transfer(G, O) {
  atomic { (READY(G) && g[O].tr != 0) ->
    PICK(g[O].tr);
#ifdef LIVE
    g[O].tr = g[O].tr & ~BIT(he);
#endif
    handle(G, O, he); he = 0; invariants() }
}

inline act_commit(G, O) {
  atomic { g[G].commit < g[G].last -> commit_one(G, O); invariants() }
}

inline act_leader(G) {
  atomic { g[G].term < TMAX -> leader_change(G); invariants() }
}

#ifdef LIVE
/* the answer to node N's transfer can still come: sent, on its way, or awaited at B */
#define COMING(G, O, N) (((g[G].acc | g[G].ref | g[G].tr | g[O].pend) & BIT(g[G].node[N].snd)) != 0)
#define SPEND(c) (!(c) || faults < F)
#define SPENT(c) if :: (c) -> faults++ :: else -> skip fi
#else
#define COMING(G, O, N) 1
#define SPEND(c) 1
#define SPENT(c) skip
#endif

/* handOut's whenCommitted times out (CommitInDoubtError, 10 s) or the node restarts */
inline act_prep_timeout(G, N) {
  atomic { (g[G].node[N].prep != 0 && SPEND(1)) -> SPENT(1);
    printf("%c/n%d: handOut's wait for the commit timed out\n", NAME(G), N);
    g[G].node[N].prep = 0 }
}
/* send()'s ask times out (2 s), its answer is lost, or the node restarts */
inline act_snd_timeout(G, O, N) {
  atomic { (g[G].node[N].snd != 0 && SPEND(COMING(G, O, N))) -> SPENT(COMING(G, O, N));
    printf("%c/n%d: the ask of %d.%d timed out\n", NAME(G), N, CNT(g[G].node[N].snd), TRM(g[G].node[N].snd));
    g[G].node[N].snd = 0 }
}

#ifdef CODE_HANDLER_GAP
/* a handler past fromLog resumes: if its node leads (and is ready) it appends, else it answers retry */
inline act_gap(G, O) {
  if
  :: atomic { (READY(G) && LEAD(G).gap != 0) -> PICK(LEAD(G).gap); ungap(LEAD(G)); decide(G, O, he); he = 0; invariants() }
  :: atomic { g[G].node[0].gap != 0 -> PICK(g[G].node[0].gap); ungap(g[G].node[0]); he = 0 }
  :: atomic { g[G].node[1].gap != 0 -> PICK(g[G].node[1].gap); ungap(g[G].node[1]); he = 0 }
  fi
}
#endif

#ifdef LOCATOR
/* the requester asks group lt's leader for X (handleRequest): owned -> found; out -> `moved`
   with the pointer's group and epoch, followed only if it raises the epoch known; else it stops */
inline act_locate() {
  if
  :: atomic { !lw -> lw = 1; if :: lt = 0 :: lt = 1 fi }
  :: atomic { (lw && READY(lt)) ->
       if
       :: (g[lt].st == S_OUT
#ifndef ANY_REDIRECT
           && g[lt].se > lk
#endif
          ) ->
          printf("L: %c says moved at %d.%d, follow (hop %d)\n", NAME(lt), CNT(g[lt].se), TRM(g[lt].se), lh + 1);
          lk = g[lt].se; lt = 1 - lt; lh++;
          /* (e) each redirect raises the epoch: a walk follows each handoff-out at most once */
          assert(lh <= CMAX)
       :: else -> lw = 0; lt = 0; lk = 0; lh = 0     /* found, or a stale redirect, or unknown */
       fi }
  :: atomic { (lw && !READY(lt)) -> lw = 0; lt = 0; lk = 0; lh = 0 }
  fi
}
#endif

#ifndef LIVE
/* safety: each group is one process taking any enabled step, faults included */
proctype group(bit G) {
  bit O = 1 - G;
end:
  do
  :: act_request(G)
  :: act_complete(G, 0)
  :: act_complete(G, 1)
  :: act_prep_timeout(G, 0)
  :: act_prep_timeout(G, 1)
  :: act_retry(G)
  :: act_snd_timeout(G, O, 0)
  :: act_snd_timeout(G, O, 1)
  :: act_take(G, 0)
  :: act_take(G, 1)
  :: act_transfer(G, O)
#ifdef CODE_HANDLER_GAP
  :: act_gap(G, O)
#endif
  :: act_commit(G, O)
  :: act_leader(G)
  od
}
#ifdef LOCATOR
proctype locator() { end: do :: act_locate() od }
#endif
#else
/* liveness: one process per kind of step, so that weak fairness means each step that stays
   enabled is taken; faults (leader changes, timeouts, lost and duplicated transfers) are bounded */
#ifndef NO_RETRY
proctype owner(bit G)    { end: do :: act_request(G) :: act_retry(G) od }
#else
proctype owner(bit G)    { end: do :: act_request(G) od }
#endif
proctype handout(bit G)  { end: do :: act_complete(G, 0) :: act_complete(G, 1) od }
proctype answers(bit G)  { end: do :: act_take(G, 0) :: act_take(G, 1) od }
proctype receiver(bit G) { bit O = 1 - G; end: do :: act_transfer(G, O) od }
proctype replicate(bit G) { bit O = 1 - G; end: do :: act_commit(G, O) od }
proctype faulty() {
end:
  do
  :: act_leader(0)
  :: act_leader(1)
  :: act_prep_timeout(0, 0)
  :: act_prep_timeout(0, 1)
  :: act_prep_timeout(1, 0)
  :: act_prep_timeout(1, 1)
  :: act_snd_timeout(0, 1, 0)
  :: act_snd_timeout(0, 1, 1)
  :: act_snd_timeout(1, 0, 0)
  :: act_snd_timeout(1, 0, 1)
  /* a transfer lost, or delivered twice */
  :: atomic { (faults < F && g[0].tr != 0) -> faults++; PICK(g[0].tr); g[0].tr = g[0].tr & ~BIT(he); he = 0 }
  :: atomic { (faults < F && g[1].tr != 0) -> faults++; PICK(g[1].tr); g[1].tr = g[1].tr & ~BIT(he); he = 0 }
  :: atomic { (faults < F && READY(1) && g[0].tr != 0) -> faults++; PICK(g[0].tr); handle(1, 0, he); he = 0; invariants() }
  :: atomic { (faults < F && READY(0) && g[1].tr != 0) -> faults++; PICK(g[1].tr); handle(0, 1, he); he = 0; invariants() }
  od
}

/* (c) every handoff started (a committed handoff-out) settles: acked, cancelled, or overtaken by
   X's return; and in the end X rests in exactly one group with nothing pending */
ltl settles { [] (PENDING -> <> !PENDING) }
ltl rests { <> [] (!PENDING && (OWNS(0) != OWNS(1))) }
#endif

init {
  atomic {
    /* X created at A at epoch (1,1), committed; both groups led by node 0 in term 1, ready */
    g[0].term = 1; g[1].term = 1;
    g[0].last = 1; g[0].commit = 1; g[0].first = 1;
    g[0].kind[1] = K_CREATE; g[0].ep[1] = EP(1, 1);
    g[0].st = S_OWNED; g[0].se = EP(1, 1); g[0].si = 1;
    g[0].cst = S_OWNED; g[0].cse = EP(1, 1); g[0].csi = 1;
    g[0].owned = BIT(EP(1, 1));
#ifndef LIVE
    run group(0);
    run group(1);
#ifdef LOCATOR
    run locator()
#endif
#else
    run owner(0); run owner(1);
    run handout(0); run handout(1);
    run answers(0); run answers(1);
    run receiver(0); run receiver(1);
    run replicate(0); run replicate(1);
    run faulty()
#endif
  }
}
