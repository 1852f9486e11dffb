package cli

import (
	"context"
	"fmt"
	"io"

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
	since := stride.WinsSince(today)
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
	ctx, svc, wins, err := openService(a, ctx, "wins", func(s *stride.Services) stride.WinService { return s.Wins })
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
	none := fmt.Sprintf("No wins since %s yet. They come from the record itself: a first step, a milestone, a steady week.", words.Day(since))
	if o.since == "" { // the last 30 days: older ones may be there
		none += " Older ones: stride wins --since 2020-01-01"
	}
	return writeList(a, ws, o.json, none, func(w io.Writer, ws []*stride.Win) error {
		fmt.Fprintln(w, a.sty.dim("Wins since "+words.Day(since)))
		for _, win := range ws {
			fmt.Fprintln(w, hang(words.Day(win.Day)+"  ", winText(win)))
		}
		return nil
	})
}

// winText is what a win says: its own text, or the words package's.
func winText(w *stride.Win) string {
	if w.Text != "" {
		return w.Text
	}
	return words.WinText(w)
}
