package cli

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/words"
)

func (a *app) workCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "work",
		Short: "Refine a piece of work in versions, and ship it",
		Long: `A piece of work (an essay, a talk, a design) refined over iterations:
what changed, the feedback, the effort. Shipping marks the version shipped
and keeps it open to revision: iterating after a ship starts the next
version. After a run of unshipped iterations (3 unless --nudge-after says
otherwise), or once its done-when is met, stride nudges toward sharing.`,
		Args: cobra.NoArgs,
		RunE: a.run(func(cmd *cobra.Command, _ []string) error { return a.runWorkList(cmd.Context(), false) }),
	}
	cmd.AddCommand(a.workAddCmd(), a.workIterateCmd(), a.workShipCmd(), a.workMetCmd(), a.workShowCmd(),
		a.workListCmd(), a.workEditCmd(), a.workDeleteCmd())
	return cmd
}

// workFields are the flags work add and work edit share.
type workFields struct {
	name, goal, doneWhen string
	nudgeAfter           int
}

func (o *workFields) flags(f *pflag.FlagSet, edit bool) {
	f.StringVar(&o.goal, "for", "", "the `GOAL` it serves (optional)")
	f.StringVar(&o.doneWhen, "done-when", "", "what done looks like, in words")
	f.IntVar(&o.nudgeAfter, "nudge-after", 0, "unshipped iterations before a nudge (default 3)")
	if edit {
		f.StringVar(&o.name, "name", "", "a new `NAME`")
	}
}

func (a *app) workAddCmd() *cobra.Command {
	var o workFields
	cmd := &cobra.Command{
		Use:   "add NAME [--for GOAL] [--done-when T] [--nudge-after N]",
		Short: "Add a piece of work",
		Example: `  stride work add essay --for writing \
      --done-when "2000 words that say one thing clearly"
  stride work add talk --nudge-after 5`,
		Args: cobra.ExactArgs(1),
		RunE: a.run(func(cmd *cobra.Command, args []string) error {
			o.name = args[0]
			return a.runWorkAdd(cmd.Context(), o)
		}),
	}
	o.flags(cmd.Flags(), false)
	_ = cmd.RegisterFlagCompletionFunc("for", a.completeGoals)
	return cmd
}

func (a *app) runWorkAdd(ctx context.Context, o workFields) error {
	wk := &stride.Work{Name: o.name, DoneWhen: o.doneWhen, NudgeAfter: o.nudgeAfter}
	if o.nudgeAfter < 0 || o.nudgeAfter > 100 {
		return usagef("--nudge-after %d is out of range: use 1 to 100 iterations", o.nudgeAfter)
	}
	if err := wk.Validate(); err != nil {
		return err
	}
	ctx, svc, works, err := a.openWorks(ctx)
	if err != nil {
		return err
	}
	if o.goal != "" {
		g, err := a.findGoal(ctx, svc, o.goal)
		if err != nil {
			return err
		}
		wk.GoalID, wk.Goal = &g.ID, g.Name
	}
	if err := works.CreateWork(ctx, wk); err != nil {
		if stride.ErrorCode(err) == stride.ECONFLICT {
			return stride.Errorf(stride.ECONFLICT, "a work named %q already exists: pick another name, or see it with: stride work show %s",
				wk.Name, shellQuote(wk.Name))
		}
		return err
	}
	w := a.env.Stdout
	added := fmt.Sprintf("%s work %s", a.sty.green("Added"), a.sty.bold(wk.Name))
	if wk.Goal != "" {
		added += " for " + wk.Goal
	}
	say(w, "%s.", added)
	if wk.DoneWhen != "" {
		fmt.Fprintln(w, hang("  done when: ", oneLine(wk.DoneWhen)))
	}
	say(w, "Log a first version, however rough: stride work iterate %s \"first draft\"\n", shellQuote(wk.Name))
	return nil
}

// openWork opens the store and finds the work named name.
func (a *app) openWork(ctx context.Context, name string) (context.Context, stride.WorkService, *stride.Work, error) {
	ctx, _, works, err := a.openWorks(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	wk, err := works.FindWorkByName(ctx, name)
	if err == nil || stride.ErrorCode(err) != stride.ENOTFOUND {
		return ctx, works, wk, err
	}
	all, ferr := works.FindWorks(ctx, stride.WorkFilter{})
	if ferr != nil {
		return nil, nil, nil, ferr
	}
	names := make([]string, len(all))
	for i, x := range all {
		names[i] = x.Name
	}
	msg := fmt.Sprintf("no work named %q", name)
	if best := closest(name, names); best != "" {
		msg += fmt.Sprintf(": did you mean %q?", best)
	} else {
		msg += "."
	}
	msg += " To start one: stride work add " + shellQuote(name)
	return nil, nil, nil, stride.Errorf(stride.ENOTFOUND, "%s", msg)
}

type iterateOptions struct {
	changed, feedback, effort, date string
}

func (a *app) workIterateCmd() *cobra.Command {
	var o iterateOptions
	cmd := &cobra.Command{
		Use:   "iterate NAME WHAT_CHANGED... [--feedback T] [--effort DUR]",
		Short: "Record an iteration: what changed, feedback, effort",
		Example: `  stride work iterate essay "tightened the opening" --effort 45m
  stride work iterate essay cut the second section \
      --feedback "Sam: the middle drags"`,
		Args: cobra.MinimumNArgs(2),
		RunE: a.run(func(cmd *cobra.Command, args []string) error {
			o.changed = joinArgs(args[1:])
			return a.runWorkIterate(cmd.Context(), args[0], o)
		}),
		ValidArgsFunction: a.completeWorks,
	}
	f := cmd.Flags()
	f.StringVar(&o.feedback, "feedback", "", "feedback received")
	f.StringVar(&o.effort, "effort", "", "time spent, such as 45m or 1h30m")
	f.StringVar(&o.date, "date", "", "the day (default today)")
	return cmd
}

// parseEffort reads an --effort duration.
func parseEffort(s string) (*float64, error) {
	if s == "" {
		return nil, nil
	}
	m, ok := stride.ParseDurationMinutes(s)
	if !ok || m < 0 {
		return nil, usagef("effort %q is not a duration: use minutes (25), or 90m, 1.5h, 1h30m", s)
	}
	return &m, nil
}

func (a *app) runWorkIterate(ctx context.Context, name string, o iterateOptions) error {
	it := &stride.Iteration{Kind: stride.IterationChange, Changed: o.changed, Feedback: o.feedback}
	var err error
	if it.Effort, err = parseEffort(o.effort); err != nil {
		return err
	}
	if it.Day, err = a.pastDay(o.date, "use today or an earlier day"); err != nil {
		return err
	}
	if err := it.Validate(); err != nil {
		return err
	}
	ctx, works, wk, err := a.openWork(ctx, name)
	if err != nil {
		return err
	}
	if wk, err = works.AddIteration(ctx, wk.ID, it); err != nil {
		return err
	}
	w := a.env.Stdout
	fmt.Fprintf(w, "%s %s v%d on %s: %s\n", a.sty.green("Iterated"), a.sty.bold(wk.Name), it.Version, words.Day(it.Day),
		clip(oneLine(it.Changed), 40))
	if it.Effort != nil {
		fmt.Fprintf(w, "  %s of effort: it counts.\n", words.Amount(*it.Effort, stride.MinutesUnit))
	}
	if n := words.ShipNudge(wk, "stride work ship "+shellQuote(wk.Name)); n != "" {
		fmt.Fprintln(w, a.sty.yellow(hang("  ", n)))
	}
	return nil
}

func (a *app) workShipCmd() *cobra.Command {
	var note, date string
	cmd := &cobra.Command{
		Use:   "ship NAME [--note T]",
		Short: "Ship the current version: out in the world, open to revision",
		Args:  cobra.ExactArgs(1),
		RunE: a.run(func(cmd *cobra.Command, args []string) error {
			it := &stride.Iteration{Kind: stride.IterationShip, Note: note}
			var err error
			if it.Day, err = a.pastDay(date, "use today or an earlier day"); err != nil {
				return err
			}
			if err := it.Validate(); err != nil {
				return err
			}
			ctx, works, wk, err := a.openWork(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			if wk.Shipped {
				return stride.Errorf(stride.ECONFLICT, "version %d of %s is already shipped. Iterate to start version %d: stride work iterate %s WHAT_CHANGED",
					wk.Version, wk.Name, wk.Version+1, shellQuote(wk.Name))
			}
			if wk, err = works.AddIteration(ctx, wk.ID, it); err != nil {
				return err
			}
			fmt.Fprintf(a.env.Stdout, "%s %s\n", a.sty.green("✓"), words.ShippedLine(wk, it.Version))
			return nil
		}),
		ValidArgsFunction: a.completeWorks,
	}
	cmd.Flags().StringVar(&note, "note", "", "where it went, who saw it")
	cmd.Flags().StringVar(&date, "date", "", "the day (default today)")
	return cmd
}

func (a *app) workMetCmd() *cobra.Command {
	var clear bool
	var date string
	cmd := &cobra.Command{
		Use:   "met NAME [--clear]",
		Short: "Say the work's done-when is met",
		Args:  cobra.ExactArgs(1),
		RunE: a.run(func(cmd *cobra.Command, args []string) error {
			day, err := a.pastDay(date, "use today or an earlier day")
			if err != nil {
				return err
			}
			ctx, works, wk, err := a.openWork(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			if wk.DoneWhen == "" && !clear {
				return usagef("%s has no done-when yet: say what done looks like first, with stride work edit %s --done-when TEXT",
					wk.Name, shellQuote(wk.Name))
			}
			var met *stride.Date
			if !clear {
				met = &day
			}
			if wk, err = works.UpdateWork(ctx, wk.ID, stride.WorkUpdate{DoneWhenMet: &met}); err != nil {
				return err
			}
			w := a.env.Stdout
			if clear {
				fmt.Fprintf(w, "The done-when of %s is open again.\n", wk.Name)
				return nil
			}
			fmt.Fprintf(w, "%s The done-when of %s is met: %s\n", a.sty.green("✓"), a.sty.bold(wk.Name), clip(oneLine(wk.DoneWhen), 40))
			if n := words.ShipNudge(wk, "stride work ship "+shellQuote(wk.Name)); n != "" {
				fmt.Fprintln(w, hang("  ", n))
			}
			return nil
		}),
		ValidArgsFunction: a.completeWorks,
	}
	cmd.Flags().BoolVar(&clear, "clear", false, "take the mark back: not met after all")
	cmd.Flags().StringVar(&date, "date", "", "the day it was met (default today)")
	return cmd
}

func (a *app) workShowCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "show NAME",
		Short: "Show a work and its refinement log",
		Args:  cobra.ExactArgs(1),
		RunE: a.run(func(cmd *cobra.Command, args []string) error {
			_, _, wk, err := a.openWork(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			if asJSON {
				if wk.Iterations == nil {
					wk.Iterations = []*stride.Iteration{}
				}
				return writeJSON(a.env.Stdout, wk)
			}
			a.writeWork(a.env.Stdout, wk)
			return nil
		}),
		ValidArgsFunction: a.completeWorks,
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the work and its iterations as JSON")
	return cmd
}

// workState says where a work stands: "v2, shipped", "v3, 2 iterations
// since the last ship", "v1, no iteration yet".
func workState(wk *stride.Work) string {
	switch {
	case wk.Shipped:
		return fmt.Sprintf("v%d, shipped", wk.Version)
	case wk.Unshipped == 0:
		return fmt.Sprintf("v%d, no iteration yet", wk.Version)
	case wk.Version > 1:
		return fmt.Sprintf("v%d, %s since the last ship", wk.Version, words.Plural(wk.Unshipped, "iteration"))
	}
	return fmt.Sprintf("v%d, %s", wk.Version, words.Plural(wk.Unshipped, "iteration"))
}

func (a *app) writeWork(w io.Writer, wk *stride.Work) {
	s := a.sty
	head := s.bold(wk.Name)
	if wk.Goal != "" {
		head += " · for " + wk.Goal
	}
	say(w, "%s · %s\n", head, workState(wk))
	if wk.DoneWhen != "" {
		line := "done when: " + oneLine(wk.DoneWhen)
		if wk.DoneWhenMet != nil {
			line += " ✓ met " + words.Day(*wk.DoneWhenMet)
		}
		fmt.Fprintln(w, hang("", line))
	}
	effort := 0.0
	for _, it := range wk.Iterations {
		if it.Effort != nil {
			effort += *it.Effort
		}
	}
	if len(wk.Iterations) == 0 {
		say(w, "No iterations yet. Log the first, however rough: stride work iterate %s \"first draft\"\n", shellQuote(wk.Name))
		return
	}
	fmt.Fprintln(w)
	for _, it := range wk.Iterations {
		line := fmt.Sprintf("v%-2d %s  ", it.Version, words.Day(it.Day))
		if it.Kind == stride.IterationShip {
			ship := "shipped"
			if it.Note != "" {
				ship += ": " + oneLine(it.Note)
			}
			fmt.Fprintln(w, s.green(clip(line+"✓ "+ship, lineWidth)))
			continue
		}
		tail := ""
		if it.Effort != nil {
			tail = "  " + words.Amount(*it.Effort, stride.MinutesUnit)
		}
		fmt.Fprintln(w, line+clip(oneLine(it.Changed), lineWidth-width(line)-width(tail))+s.dim(tail))
		if it.Feedback != "" {
			fmt.Fprintln(w, s.dim(clip("      feedback: "+oneLine(it.Feedback), lineWidth)))
		}
	}
	if effort > 0 {
		fmt.Fprintf(w, "\n%s of effort in all. Effort counts, whatever the outcome.\n", words.Amount(effort, stride.MinutesUnit))
	}
	if n := words.ShipNudge(wk, "stride work ship "+shellQuote(wk.Name)); n != "" {
		fmt.Fprintln(w, s.yellow(hang("", n)))
	}
}

func (a *app) workListCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:     "list",
		Aliases: []string{"ls"},
		Short:   "List works with their version and state",
		Args:    cobra.NoArgs,
		RunE:    a.run(func(cmd *cobra.Command, _ []string) error { return a.runWorkList(cmd.Context(), asJSON) }),
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the works as a JSON array (without their iterations)")
	return cmd
}

func (a *app) runWorkList(ctx context.Context, asJSON bool) error {
	ctx, _, works, err := a.openWorks(ctx)
	if err != nil {
		return err
	}
	ws, err := works.FindWorks(ctx, stride.WorkFilter{})
	if err != nil {
		return err
	}
	return writeList(a, ws, asJSON, `No works yet. Add one to refine in versions: stride work add essay --done-when "2000 words that say one thing"`, writeWorks)
}

// writeWorks prints a table of works: name, state, goal and done-when.
func writeWorks(w io.Writer, ws []*stride.Work) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tSTATE\tGOAL\tDONE WHEN")
	for _, wk := range ws {
		dw := clip(oneLine(wk.DoneWhen), 24)
		if wk.DoneWhenMet != nil {
			dw = "✓ " + clip(oneLine(wk.DoneWhen), 22)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", clip(wk.Name, 16), workState(wk), clip(wk.Goal, 12), dw)
	}
	return tw.Flush()
}

func (a *app) workEditCmd() *cobra.Command {
	var o workFields
	cmd := &cobra.Command{
		Use:   "edit NAME [--name N] [--for GOAL] [--done-when T]",
		Short: "Change a work: only the flags given change",
		Long: `Change a work. Only the flags given change; --for "" detaches it from its
goal, --done-when "" clears the done-when.`,
		Args: cobra.ExactArgs(1),
		RunE: a.run(func(cmd *cobra.Command, args []string) error {
			return a.runWorkEdit(cmd.Context(), cmd.Flags(), args[0], o)
		}),
		ValidArgsFunction: a.completeWorks,
	}
	o.flags(cmd.Flags(), true)
	return cmd
}

func (a *app) runWorkEdit(ctx context.Context, f *pflag.FlagSet, name string, o workFields) error {
	var upd stride.WorkUpdate
	if f.Changed("name") {
		if err := (&stride.Work{Name: o.name}).Validate(); err != nil {
			return err
		}
		upd.Name = &o.name
	}
	if f.Changed("done-when") {
		upd.DoneWhen = &o.doneWhen
	}
	if f.Changed("nudge-after") {
		if o.nudgeAfter < 0 || o.nudgeAfter > 100 {
			return usagef("--nudge-after %d is out of range: use 1 to 100 iterations (0 for the default, 3)", o.nudgeAfter)
		}
		upd.NudgeAfter = &o.nudgeAfter
	}
	if !f.Changed("for") && upd == (stride.WorkUpdate{}) {
		return usagef("nothing to change: give --name, --for, --done-when or --nudge-after")
	}
	ctx, works, wk, err := a.openWork(ctx, name)
	if err != nil {
		return err
	}
	if upd.GoalID, err = a.goalFlag(ctx, f, o.goal); err != nil {
		return err
	}
	if wk, err = works.UpdateWork(ctx, wk.ID, upd); err != nil {
		if stride.ErrorCode(err) == stride.ECONFLICT && upd.Name != nil {
			return stride.Errorf(stride.ECONFLICT, "a work named %q already exists: pick another name", *upd.Name)
		}
		return err
	}
	fmt.Fprintf(a.env.Stdout, "%s work %s.\n", a.sty.green("Updated"), a.sty.bold(wk.Name))
	return nil
}

func (a *app) workDeleteCmd() *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:     "delete NAME [--yes]",
		Aliases: []string{"rm"},
		Short:   "Delete a work and its refinement log",
		Args:    cobra.ExactArgs(1),
		RunE: a.run(func(cmd *cobra.Command, args []string) error {
			ctx, works, wk, err := a.openWork(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			what := fmt.Sprintf("%s and its %d log entries", wk.Name, len(wk.Iterations))
			if len(wk.Iterations) == 1 {
				what = wk.Name + " and its 1 log entry"
			}
			if !yes {
				if !a.env.StdinTTY {
					return usagef("deleting %s cannot be undone: add --yes to confirm", what)
				}
				ok, err := a.confirm(fmt.Sprintf("Delete %s? This cannot be undone.", what))
				if err != nil || !ok {
					if err == nil {
						fmt.Fprintln(a.env.Stderr, "Nothing deleted.")
					}
					return err
				}
			}
			if err := works.DeleteWork(ctx, wk.ID); err != nil {
				return err
			}
			fmt.Fprintf(a.env.Stdout, "Deleted %s.\n", what)
			return nil
		}),
		ValidArgsFunction: a.completeWorks,
	}
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "delete without asking")
	return cmd
}

// completeWorks completes work names for the shells.
func (a *app) completeWorks(cmd *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	ctx, svc, err := a.open(cmd.Context())
	if err != nil || svc.Works == nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	ws, err := svc.Works.FindWorks(ctx, stride.WorkFilter{})
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	names := make([]string, 0, len(ws))
	for _, wk := range ws {
		names = append(names, wk.Name)
	}
	return names, cobra.ShellCompDirectiveNoFileComp
}
