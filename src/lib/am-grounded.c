/* am-grounded: the grounded labelling in linear time, by a queue of arguments whose
 * attackers are all out. */
#include "am-dung.h"

void
am_grounded_labelling_ranked (const AmAf *af, AmLabel *labels, guint *rank, guint *defeater)
{
  g_return_if_fail (af->finalized);
  guint n = af->n;
  /* live[a]: attackers of a not yet out; a is in once it reaches 0. Every argument enters the
   * queue at most once and every attack is looked at at most twice: O(n + m). In arguments
   * are taken in order of rank (a breadth-first sweep), so the first in attacker that reaches
   * b has the smallest rank. */
  g_autofree guint *live = g_new (guint, n ? n : 1);
  g_autofree guint *queue = g_new (guint, n ? n : 1);
  guint head = 0, tail = 0;
  for (guint a = 0; a < n; a++) {
    labels[a] = AM_LABEL_UNDEC;
    if (rank) {
      rank[a] = 0;
      defeater[a] = G_MAXUINT;
    }
    live[a] = af->att_in_off[a + 1] - af->att_in_off[a];
    if (live[a] == 0) {
      labels[a] = AM_LABEL_IN;
      queue[tail++] = a;
    }
  }
  while (head < tail) {
    guint a = queue[head++];
    for (guint i = af->att_out_off[a]; i < af->att_out_off[a + 1]; i++) {
      guint b = af->att_out_idx[i];
      if (labels[b] != AM_LABEL_UNDEC)
        continue;
      labels[b] = AM_LABEL_OUT;
      if (rank) {
        rank[b] = rank[a];
        defeater[b] = a;
      }
      for (guint j = af->att_out_off[b]; j < af->att_out_off[b + 1]; j++) {
        guint c = af->att_out_idx[j];
        --live[c];
        if (labels[c] != AM_LABEL_UNDEC)
          continue;
        /* rank[c] collects the largest rank among its attackers gone out so far. */
        if (rank)
          rank[c] = MAX (rank[c], rank[b] + 1);
        if (live[c] == 0) {
          labels[c] = AM_LABEL_IN;
          queue[tail++] = c;
        }
      }
    }
  }
  for (guint a = 0; rank && a < n; a++)
    if (labels[a] == AM_LABEL_UNDEC)
      rank[a] = 0;
}

void
am_grounded_labelling (const AmAf *af, AmLabel *labels)
{
  am_grounded_labelling_ranked (af, labels, NULL, NULL);
}
