package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/words"
)

type statusOptions struct {
	json bool
}

func (a *app) statusCmd() *cobra.Command {
	var opts statusOptions
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Show the board: momentum and pace of every active goal",
		Long: `Show the board: one line per active goal with its momentum, this period's
pace and the last 14 days. A goal with room to catch up gets its smallest
step on a second line.`,
		Args: cobra.NoArgs,
		RunE: a.run(func(cmd *cobra.Command, _ []string) error { return a.runStatus(cmd.Context(), opts) }),
	}
	cmd.Flags().BoolVar(&opts.json, "json", false, "print the board as a JSON array of goal statuses")
	return cmd
}

func (a *app) runStatus(ctx context.Context, opts statusOptions) error {
	ctx, svc, err := a.open(ctx)
	if err != nil {
		return err
	}
	today := a.today()
	board, err := svc.Status.Status(ctx, today)
	if err != nil {
		return err
	}
	if opts.json {
		if board == nil {
			board = []*stride.GoalStatus{}
		}
		return writeJSON(a.env.Stdout, board)
	}
	if err := a.writeTodayFocus(ctx, svc, today); err != nil {
		return err
	}
	if len(board) == 0 {
		fmt.Fprint(a.env.Stderr, `No active goals yet. Start with one small one:
  stride goal add walk --target "30 min/day" --smallest-step "walk 5 minutes"
then log a step with: stride log walk 10
`)
		return nil
	}
	nodes, err := nestBoard(ctx, svc, board)
	if err != nil {
		return err
	}
	a.writeBoard(a.env.Stdout, nodes, today)
	return nil
}

// nestBoard puts each sub-goal of the board right under its parent; a
// parent off the board (paused, done, archived) is read, one goal each,
// only when a sub-goal of it is on the board.
func nestBoard(ctx context.Context, svc *stride.Services, board []*stride.GoalStatus) ([]*stride.GoalNode, error) {
	return stride.NestBoard(board, func(id int64) (*stride.Goal, error) { return svc.Goals.FindGoalByID(ctx, id) })
}

// writeTodayFocus prints today's focus above the board: one indexed read,
// nothing when there is none (or the store keeps no focus). The board's
// JSON stays an array of goal statuses; stride focus --json has the focus.
func (a *app) writeTodayFocus(ctx context.Context, svc *stride.Services, today stride.Date) error {
	if svc.Focus == nil {
		return nil
	}
	f, err := svc.Focus.FindFocusByDay(ctx, today)
	if stride.ErrorCode(err) == stride.ENOTFOUND {
		return nil
	} else if err != nil {
		return err
	}
	s := a.sty
	line := "focus: " + f.Text
	if f.Done {
		fmt.Fprintln(a.env.Stdout, s.green(clip("✓ "+line, lineWidth)))
	} else {
		fmt.Fprintln(a.env.Stdout, s.bold(clip("→ "+line, lineWidth)))
	}
	return nil
}

// writeBoard prints the header and one line per goal, within 80 columns,
// a sub-goal indented under its parent (a parent off the board with its
// state in words instead of its momentum):
//
//	fitness       ██████░░░░  62%  90/150 min this week  ▁▃·▅▆▇█·▂▃▄▅▆▇
//	  pushups     ███░░░░░░░  31%  0/20 pushups today    ··▅▆▇█·▂▃▄▅▆··
//	    next: do 5 pushups (+3% momentum)
//	health        paused until Sat 2026-11-28
//	  walk        █████░░░░░  48%  20/30 min today       ▃▄▅▆▇█·▂▃▄▅▆▇▅
func (a *app) writeBoard(w io.Writer, nodes []*stride.GoalNode, today stride.Date) {
	s := a.sty
	_, week := today.Time().ISOWeek()
	note := fmt.Sprintf("· week %d · momentum, pace, last 14 days", week)
	date := fmt.Sprintf("%s %d %s %d", today.Weekday().String()[:3], today.Day(), today.Month().String()[:3], today.Year())
	if h := a.serverHost(); h != "" {
		if width(date+" "+note+" · on "+h) <= lineWidth {
			note += " · on " + h
		} else { // a long host name gets a line of its own, not past 80 columns
			note += "\n" + clip("on "+h, lineWidth)
		}
	}
	fmt.Fprintf(w, "%s %s\n", s.bold(date), s.dim(note))
	nameW := 4
	paceW := 0
	stride.Walk(nodes, func(n *stride.GoalNode, depth int) {
		nameW = max(nameW, width(indent(depth)+n.Name()))
		if g := n.Status; g != nil {
			paceW = max(paceW, width(words.Pace(g.Pace, g.Unit)))
		}
	})
	nameW = min(nameW, 16)
	paceW = min(paceW, 26)
	stride.Walk(nodes, func(n *stride.GoalNode, depth int) {
		name := s.bold(pad(clip(indent(depth)+n.Name(), nameW), nameW))
		g := n.Status
		if g == nil { // a parent off the board, shown for its sub-goals
			fmt.Fprintln(w, name+" "+s.dim(clip(words.GoalState(n.Goal, today), lineWidth-nameW-1)))
			return
		}
		pace := words.Pace(g.Pace, g.Unit)
		paceCol := pad(clip(pace, paceW), paceW)
		switch g.Pace.State {
		case stride.PaceMet, stride.PaceWithin:
			paceCol = s.green(paceCol)
		case stride.PaceOver:
			paceCol = s.yellow(paceCol)
		}
		fmt.Fprintf(w, "%s %s %4s  %s  %s\n",
			name,
			s.cyan(bar(g.Momentum, 10)),
			words.Pct(g.Momentum),
			paceCol,
			a.sparkline(g))
		if g.Pace.State == stride.PaceBehind {
			line := indent(depth) + "  next: " + words.Next(g)
			fmt.Fprintln(w, s.yellow(clip(line, lineWidth)))
		}
	})
}

// indent is how far a sub-goal's name is set in at depth: two spaces a
// level, at most three levels, so the name keeps room in its column.
func indent(depth int) string { return strings.Repeat("  ", min(depth, 3)) }

// sparkline draws the last 14 days of a goal, scaled to the larger of the
// busiest day and the daily share of the target, so a full day reads full.
func (a *app) sparkline(g *stride.GoalStatus) string {
	scale := 0.0
	if g.Goal != nil && g.Goal.Unit != "" {
		t := g.Goal.Target
		scale = t.Amount / float64(t.Days())
	}
	for _, d := range g.Recent {
		scale = max(scale, d.Amount)
	}
	if g.Unit == "" || g.Kind == "check" {
		scale = 1
	}
	var b strings.Builder
	for _, d := range g.Recent {
		if g.Goal != nil && d.Date < g.Goal.Start || d.Untracked {
			b.WriteByte(' ') // before the goal began, or untracked: nothing to show
			continue
		}
		b.WriteRune(spark(d.Amount, scale, d.Held))
	}
	return b.String()
}
