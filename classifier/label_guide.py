"""The label definitions a labeller can call up mid-session: a summary of LABELING.md sections 2 and 3.

Kept inside the package because the guide's own file (../shared/LABELING.md) may not be on the
labeller's machine. The guide is the authority; this is a reminder of it.
"""

GUIDE = """\
Give each comment one primary label for what it mainly does; list other acts it really performs as "also".

  q  question    asks the author or the readers for information, an explanation or an opinion, and
                 expects an answer ("do you know if...", "can someone explain", "Any response?")
  r  rebuttal    disputes, contradicts or corrects a claim of the article, a commenter or a source
                 ("you are mistaken", "not true", counter-evidence, "the point is not...")
  l  link-share  points readers to another resource: a URL, a story from another outlet, a trackback
                 or pingback, a pasted headline with its excerpt
  t  thanks      gratitude, or praise of the post or of someone's work ("great post", "lovely cards")
  o  other       anything else: opinion, agreement, elaboration, a personal story, a joke, an insult,
                 spam, off-topic

Several acts: the primary label is the highest of the acts performed in this order, the rest go in also:
  question > rebuttal > link-share > thanks > other
  e.g. thanks plus a real question -> question, also thanks; "You're wrong, see http://..." -> rebuttal,
  also link-share.

Count only acts the comment really performs:
  - a rhetorical question is no question: rebuttal if it disputes someone ("Have you even read it?"), else other
  - agreeing is other; disputing the article's framing is rebuttal
  - a URL that only cites a source under an argument: label the argument, add link-share to also
  - polite thanks inside a reply that mainly does something else is not the main act
  - spam ("great post, visit my site", product links) is other, even with thanks or a link
  - praise of the post or a person's work is thanks; enthusiasm about the topic or a product is other

Read the whole comment, and the comment it replies to. The full guide: LABELING.md."""
