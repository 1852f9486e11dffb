package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/words"
)

type winsOptions struct {
	since, goal string
	json        bool
}

func (a *app) winsCmd() *cobra.Command {
	var o winsOptions
	cmd := &cobra.Command{
		Use:   "wins [--since DATE] [--for GOAL]",
		Short: "Celebrations the record has earned",
		Long: `Celebrations, honest and earned: a goal's first step, each milestone, a
done-when met, a best week, weeks in a row on pace, a comeback after a gap,
a week of much effort whatever the outcome, a goal finished, a work shipped.
Oldest first.`,
		Example: `  stride wins
  stride wins --since 2026-01-01 --for walk`,
		Args: cobra.NoArgs,
		RunE: a.run(func(cmd *cobra.Command, _ []string) error { return a.runWins(cmd.Context(), o) }),
	}
	f := cmd.Flags()
	f.StringVar(&o.since, "since", "", "first day (default 30 days ago): YYYY-MM-DD, -90d, mon...")
	f.StringVar(&o.goal, "for", "", "only the wins of `GOAL`")
	f.BoolVar(&o.json, "json", false, "print the wins as a JSON array")
	_ = cmd.RegisterFlagCompletionFunc("for", a.completeGoals)
	return cmd
}

func (a *app) runWins(ctx context.Context, o winsOptions) error {
	today := a.today()
	since := today.AddDays(-29)
	if o.since != "" {
		d, err := a.parseDate(o.since)
		if err != nil {
			return err
		}
		if d > today {
			return usagef("--since %s is in the future: wins are earned up to today", words.Day(d))
		}
		since = d
	}
	ctx, svc, err := a.open(ctx)
	if err != nil {
		return err
	}
	wins, err := need(a, svc.Wins, "wins")
	if err != nil {
		return err
	}
	filter := stride.WinFilter{Since: &since}
	if o.goal != "" {
		g, err := a.findGoal(ctx, svc, o.goal)
		if err != nil {
			return err
		}
		filter.GoalID = &g.ID
	}
	ws, err := wins.FindWins(ctx, filter, today)
	if err != nil {
		return err
	}
	if o.json {
		if ws == nil {
			ws = []*stride.Win{}
		}
		return writeJSON(a.env.Stdout, ws)
	}
	if len(ws) == 0 {
		fmt.Fprintf(a.env.Stderr, "No wins since %s yet. They come from the record itself: a first step, a milestone, a steady week. Older ones: stride wins --since 2020-01-01\n", words.Day(since))
		return nil
	}
	fmt.Fprintln(a.env.Stdout, a.sty.dim("Wins since "+words.Day(since)))
	for _, w := range ws {
		fmt.Fprintln(a.env.Stdout, hang(words.Day(w.Day)+"  ", winText(w)))
	}
	return nil
}

// winText is what a win says: its own text, or the words package's.
func winText(w *stride.Win) string {
	if w.Text != "" {
		return w.Text
	}
	return words.WinText(w)
}
