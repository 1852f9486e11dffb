package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/words"
)

type reviewOptions struct {
	week                                    string
	wentWell, learned, obstacles, nextFocus string
}

// answerFlags are the flags that answer the review's prompts.
var answerFlags = []string{"wins", "learned", "obstacles", "next-focus"}

func (a *app) reviewCmd() *cobra.Command {
	var o reviewOptions
	cmd := &cobra.Command{
		Use:   "review [--week DATE] [--wins T] [--learned T] [--obstacles T]",
		Short: "The weekly review: the week's summary, then four questions",
		Long: `A few minutes each week: first the week's summary (each goal against its
target, momentum then and now, steps and effort; wins; lessons and their
themes; the focus kept; work iterated and shipped, and its effort), then
four questions: what went well, what you learned, what got in the way, and
next week's one key focus, which becomes the focus of next week's first
day.

The week is the current one; on the first two days of a week it is the
week just past (a Monday review looks back). --week DATE picks the week
holding DATE. On a terminal without answer flags stride asks the four
questions, showing earlier answers of the week to keep or change; with
answer flags it saves those (keeping earlier answers not given); in a
script without them it prints the summary only.`,
		Example: `  stride review
  stride review --week -7d
  stride review --wins "ran three times" --learned "mornings work" \
      --obstacles "late meetings" --next-focus "book the race"`,
		Args: cobra.NoArgs,
		RunE: a.run(func(cmd *cobra.Command, _ []string) error {
			return a.runReview(cmd.Context(), cmd.Flags(), o)
		}),
	}
	f := cmd.Flags()
	f.StringVar(&o.week, "week", "", "a day of the week to review (default: this week; last week on its first two days)")
	f.StringVar(&o.wentWell, "wins", "", "what went well")
	f.StringVar(&o.learned, "learned", "", "what you learned")
	f.StringVar(&o.obstacles, "obstacles", "", "what got in the way")
	f.StringVar(&o.nextFocus, "next-focus", "", "next week's one key focus")
	cmd.AddCommand(a.reviewListCmd(), a.reviewShowCmd(), a.reviewDeleteCmd())
	return cmd
}

// reviewWeek returns the first day of the week to review: the week holding
// the --week day, else the current week, or the week just past on the
// first two days of a week.
func (a *app) reviewWeek(s string) (stride.Date, error) {
	today := a.today()
	if s != "" {
		d, err := a.parseDate(s)
		if err != nil {
			return 0, err
		}
		if d > today {
			return 0, usagef("%s is in the future: review this week or an earlier one", words.Day(d))
		}
		return d.StartOfWeek(a.weekStart()), nil
	}
	return stride.DefaultReviewWeek(today, a.weekStart()), nil
}

func (a *app) runReview(ctx context.Context, f *pflag.FlagSet, o reviewOptions) error {
	if _, err := a.parseDate(o.week); err != nil { // before the store: bad input writes nothing
		return err
	}
	given := &stride.Review{WentWell: o.wentWell, Learned: o.learned, Obstacles: o.obstacles, NextFocus: o.nextFocus}
	if err := given.Validate(); err != nil {
		return err
	}
	ctx, svc, reviews, err := a.openReviews(ctx)
	if err != nil {
		return err
	}
	week, err := a.reviewWeek(o.week) // after open: the user's week start is known
	if err != nil {
		return err
	}
	today := a.today()
	sum, err := reviews.SummarizeWeek(ctx, week, today)
	if err != nil {
		return err
	}
	w := a.env.Stdout
	a.writeSummary(w, sum, today)

	r := &stride.Review{Week: week}
	old, err := reviews.FindReviewByWeek(ctx, week)
	switch {
	case err == nil:
		*r = *old
	case stride.ErrorCode(err) != stride.ENOTFOUND:
		return err
	}
	prevFocus := r.NextFocus
	answers := []struct {
		flag string
		v    string
		dst  *string
	}{{"wins", o.wentWell, &r.WentWell}, {"learned", o.learned, &r.Learned},
		{"obstacles", o.obstacles, &r.Obstacles}, {"next-focus", o.nextFocus, &r.NextFocus}}
	switch {
	case anyChanged(f, answerFlags...):
		for _, x := range answers {
			if f.Changed(x.flag) {
				*x.dst = x.v
			}
		}
	case a.env.StdinTTY:
		fmt.Fprintln(a.env.Stderr)
		q := words.ReviewQuestions
		err := a.ask(ctx,
			question{title: q.WentWell.Title, help: q.WentWell.Help, value: &r.WentWell, long: true},
			question{title: q.Learned.Title, help: q.Learned.Help, value: &r.Learned, long: true},
			question{title: q.Obstacles.Title, help: q.Obstacles.Help, value: &r.Obstacles, long: true},
			question{title: q.NextFocus.Title, help: q.NextFocus.Help, value: &r.NextFocus},
		)
		if err != nil {
			return a.aborted(err)
		}
	default:
		fmt.Fprintln(a.env.Stderr, a.sty.dim(hang("", "To save the review from a script: `stride review --wins T --learned T --obstacles T --next-focus T`")))
		return nil
	}
	if err := r.Validate(); err != nil {
		return err
	}
	r.Summary = sum
	if err := reviews.SaveReview(ctx, r); err != nil {
		return err
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, a.sty.green(hang("", fmt.Sprintf("Saved the review of the week of %s. Past reviews stay readable: stride review list",
		words.Day(week)))))
	if r.NextFocus != "" && r.NextFocus != prevFocus {
		return a.setNextFocus(ctx, svc, week.AddDays(7), r.NextFocus, prevFocus)
	}
	return nil
}

// setNextFocus makes a review's next focus the focus of day, the next
// week's first day, unless day has a focus of its own (not the one an
// earlier save of the review set, prev): the user chose it, and it may be
// done already.
func (a *app) setNextFocus(ctx context.Context, svc *stride.Services, day stride.Date, text, prev string) error {
	foci, err := need(a, svc.Focus, "a daily focus")
	if err != nil {
		return err
	}
	if old, err := foci.FindFocusByDay(ctx, day); err == nil && old.Text != strings.TrimSpace(prev) {
		fmt.Fprintln(a.env.Stdout, hang("", words.FocusKept(old)))
		return nil
	} else if err != nil && stride.ErrorCode(err) != stride.ENOTFOUND {
		return err
	}
	f := &stride.Focus{Day: day, Text: text}
	old, err := replaceFocus(ctx, foci, f)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.env.Stdout, "Next week's focus, set for %s: %s\n", a.dayName(day), a.sty.bold(f.Text))
	writeWas(a.env.Stdout, old, f)
	return nil
}

// writeSummary prints a week's automatic summary.
func (a *app) writeSummary(w io.Writer, sum *stride.WeekSummary, today stride.Date) {
	s := a.sty
	head := "Week of " + words.Day(sum.From) + " to " + words.Day(sum.To)
	if today >= sum.From && today < sum.To {
		head += " (so far)"
	}
	fmt.Fprintln(w, s.bold(head))
	quiet := sum.Quiet()
	if quiet {
		fmt.Fprintln(w, hang("", words.QuietWeekLine))
	}
	if len(sum.Goals) > 0 {
		fmt.Fprintln(w, s.dim("goals"))
		for _, gw := range sum.Goals {
			fmt.Fprintln(w, hang("  ", words.WeekGoalLine(gw)))
		}
	}
	if len(sum.Wins) > 0 {
		fmt.Fprintln(w, s.dim("wins"))
		for _, win := range sum.Wins {
			fmt.Fprintln(w, s.green(hang("  ✓ ", winText(win))))
		}
	}
	if e := words.Effort(sum.Effort); e != "" {
		fmt.Fprintln(w, hang("", e))
	}
	if len(sum.Lessons) > 0 {
		fmt.Fprintln(w, hang("", lessonsLine(sum)))
	}
	if !quiet {
		fmt.Fprintln(w, hang("", words.WeekFocusLine(sum.Focus, sum.To)))
	}
	if len(sum.Works) > 0 {
		fmt.Fprintln(w, s.dim("work"))
		for _, ww := range sum.Works {
			fmt.Fprintln(w, hang("  ", words.WeekWorkLine(ww)))
		}
	}
	if sum.Far != nil {
		fmt.Fprintln(w, s.dim("how far you've come"))
		fmt.Fprintln(w, hang("  ", words.FarLine(sum.Far, "steps")))
	}
}

// lessonsLine says how many lessons the week wrote, and their themes.
func lessonsLine(sum *stride.WeekSummary) string {
	line := words.Plural(len(sum.Lessons), "lesson") + " written"
	if len(sum.Themes) > 0 {
		line += "; themes: " + words.Themes(sum.Themes)
	}
	return line + "."
}

func (a *app) reviewListCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:     "list",
		Aliases: []string{"ls"},
		Short:   "List past weekly reviews, newest first",
		Args:    cobra.NoArgs,
		RunE: a.run(func(cmd *cobra.Command, _ []string) error {
			ctx, _, reviews, err := a.openReviews(cmd.Context())
			if err != nil {
				return err
			}
			rs, err := reviews.FindReviews(ctx, stride.ReviewFilter{})
			if err != nil {
				return err
			}
			return writeList(a, rs, asJSON, "No reviews yet. The first takes five minutes: stride review", writeReviews)
		}),
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the reviews as a JSON array")
	return cmd
}

// writeReviews prints one line per review: its week, what went well and
// the next focus.
func writeReviews(w io.Writer, rs []*stride.Review) error {
	for _, r := range rs {
		gist := oneLine(r.WentWell)
		if r.NextFocus != "" {
			gist = strings.TrimPrefix(gist+" · next: "+oneLine(r.NextFocus), " · ")
		}
		fmt.Fprintf(w, "week of %s  %s\n", words.Day(r.Week), clip(gist, lineWidth-24))
	}
	return nil
}

func (a *app) reviewShowCmd() *cobra.Command {
	var asJSON, markdown bool
	cmd := &cobra.Command{
		Use:   "show [WEEK] [--json|--markdown]",
		Short: "Show a past review: the latest, or the week holding WEEK",
		Args:  cobra.MaximumNArgs(1),
		RunE: a.run(func(cmd *cobra.Command, args []string) error {
			if asJSON && markdown {
				return usagef("give either --json or --markdown, not both")
			}
			week := ""
			if len(args) == 1 {
				week = args[0]
				if _, err := a.parseDate(week); err != nil {
					return err
				}
			}
			ctx, _, reviews, err := a.openReviews(cmd.Context())
			if err != nil {
				return err
			}
			var r *stride.Review
			if week == "" {
				rs, err := reviews.FindReviews(ctx, stride.ReviewFilter{Limit: 1})
				if err != nil {
					return err
				}
				if len(rs) == 0 {
					return stride.Errorf(stride.ENOTFOUND, "no reviews yet: the first takes five minutes, stride review")
				}
				r = rs[0]
			} else {
				d, _ := a.parseDate(week)
				start := d.StartOfWeek(a.weekStart())
				if r, err = reviews.FindReviewByWeek(ctx, start); err != nil {
					return reviewNotFound(err, start)
				}
			}
			switch {
			case asJSON:
				return writeJSON(a.env.Stdout, r)
			case markdown:
				writeReviewMarkdown(a.env.Stdout, r)
			default:
				a.writeReview(a.env.Stdout, r)
			}
			return nil
		}),
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the review as JSON")
	cmd.Flags().BoolVar(&markdown, "markdown", false, "print the review as Markdown")
	return cmd
}

// reviewNotFound words an ENOTFOUND of the review of the week starting on
// start.
func reviewNotFound(err error, start stride.Date) error {
	if stride.ErrorCode(err) == stride.ENOTFOUND {
		return stride.Errorf(stride.ENOTFOUND, "no review of the week of %s: see the weeks reviewed with: stride review list", words.Day(start))
	}
	return err
}

func (a *app) writeReview(w io.Writer, r *stride.Review) {
	if r.Summary != nil {
		a.writeSummary(w, r.Summary, 0)
	} else {
		fmt.Fprintln(w, a.sty.bold("Week of "+words.Day(r.Week)))
	}
	q := words.ReviewQuestions
	for _, x := range []struct{ title, v string }{{q.WentWell.Title, r.WentWell}, {q.Learned.Title, r.Learned},
		{q.Obstacles.Title, r.Obstacles}, {q.NextFocus.Title, r.NextFocus}} {
		if strings.TrimSpace(x.v) != "" {
			fmt.Fprintln(w)
			a.writeBlock(w, x.title, x.v)
		}
	}
}

// writeReviewMarkdown prints a review as a Markdown document.
func writeReviewMarkdown(w io.Writer, r *stride.Review) {
	fmt.Fprintf(w, "# Weekly review: week of %s\n", words.Day(r.Week))
	if sum := r.Summary; sum != nil {
		fmt.Fprintf(w, "\n## Summary\n\n")
		for _, gw := range sum.Goals {
			fmt.Fprintf(w, "- %s\n", words.WeekGoalLine(gw))
		}
		for _, win := range sum.Wins {
			fmt.Fprintf(w, "- ✓ %s\n", winText(win))
		}
		if e := words.Effort(sum.Effort); e != "" {
			fmt.Fprintf(w, "- %s\n", e)
		}
		if len(sum.Lessons) > 0 {
			fmt.Fprintf(w, "- %s\n", lessonsLine(sum))
		}
		fmt.Fprintf(w, "- %s\n", words.WeekFocusLine(sum.Focus, sum.To))
		for _, ww := range sum.Works {
			fmt.Fprintf(w, "- %s\n", words.WeekWorkLine(ww))
		}
		if sum.Far != nil {
			fmt.Fprintf(w, "- %s\n", words.FarLine(sum.Far, "steps"))
		}
	}
	q := words.ReviewQuestions
	for _, x := range []struct{ title, v string }{{q.WentWell.Title, r.WentWell}, {q.Learned.Title, r.Learned},
		{q.Obstacles.Title, r.Obstacles}, {q.NextFocus.Title, r.NextFocus}} {
		if strings.TrimSpace(x.v) != "" {
			fmt.Fprintf(w, "\n## %s\n\n%s\n", x.title, strings.TrimSpace(x.v))
		}
	}
}

func (a *app) reviewDeleteCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "delete WEEK",
		Aliases: []string{"rm"},
		Short:   "Remove the review of the week holding WEEK (a date)",
		Args:    cobra.ExactArgs(1),
		RunE: a.run(func(cmd *cobra.Command, args []string) error {
			d, err := a.parseDate(args[0])
			if err != nil {
				return err
			}
			ctx, _, reviews, err := a.openReviews(cmd.Context())
			if err != nil {
				return err
			}
			start := d.StartOfWeek(a.weekStart())
			if err := reviews.DeleteReview(ctx, start); err != nil {
				return reviewNotFound(err, start)
			}
			fmt.Fprintf(a.env.Stdout, "Removed the review of the week of %s.\n", words.Day(start))
			return nil
		}),
	}
}
