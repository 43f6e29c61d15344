/* am-grounded: the grounded labelling in linear time, by a queue of arguments whose
 * attackers are all out. */
#include "am-dung.h"

void
am_grounded_labelling (const AmAf *af, AmLabel *labels)
{
  g_return_if_fail (af->finalized);
  guint n = af->n;
  /* live[a]: attackers of a not yet labelled out. a is in once live[a] == 0. */
  g_autofree guint *live = g_new (guint, n ? n : 1);
  g_autofree guint *queue = g_new (guint, n ? n : 1);
  guint head = 0, tail = 0;
  for (guint a = 0; a < n; a++) {
    labels[a] = AM_LABEL_UNDEC;
    live[a] = af->att_in_off[a + 1] - af->att_in_off[a];
    if (live[a] == 0) {
      labels[a] = AM_LABEL_IN;
      queue[tail++] = a;
    }
  }
  /* Every argument enters the queue at most once and every attack is looked at at most twice
   * (once when its source is in, once when its source goes out): O(n + m). */
  while (head < tail) {
    guint a = queue[head++];
    for (guint i = af->att_out_off[a]; i < af->att_out_off[a + 1]; i++) {
      guint b = af->att_out_idx[i];
      if (labels[b] != AM_LABEL_UNDEC)
        continue;
      labels[b] = AM_LABEL_OUT;
      for (guint j = af->att_out_off[b]; j < af->att_out_off[b + 1]; j++) {
        guint c = af->att_out_idx[j];
        if (--live[c] == 0 && labels[c] == AM_LABEL_UNDEC) {
          labels[c] = AM_LABEL_IN;
          queue[tail++] = c;
        }
      }
    }
  }
}
