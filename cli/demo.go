package cli

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/demo"
)

type demoOptions struct {
	goals, years int
	seed         uint64
	force        bool
}

func (a *app) demoCmd() *cobra.Command {
	var o demoOptions
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Make a sample database with years of history to look around",
		Long: `Fill a database with realistic sample history: goals of every kind, with
streaks, gaps, partial days, rest days, a past pause and a raised target.

Without --db or STRIDE_DB the demo uses its own database,
$XDG_DATA_HOME/stride/demo.db, made afresh on each run; your own goals are
not touched. With --db or STRIDE_DB it adds to that database, and refuses
one that already holds goals unless --force.`,
		Example: `  stride demo
  stride demo --goals 50 --years 10 --db /tmp/big.db`,
		Args: cobra.NoArgs,
		RunE: a.run(func(cmd *cobra.Command, _ []string) error { return a.runDemo(cmd.Context(), o) }),
	}
	f := cmd.Flags()
	f.IntVar(&o.goals, "goals", 8, "number of goals (1 to 500)")
	f.IntVar(&o.years, "years", 2, "years of history (1 to 30)")
	f.Uint64Var(&o.seed, "seed", 1, "same seed, same day: same data")
	f.BoolVar(&o.force, "force", false, "add to a database that already holds goals")
	return cmd
}

func (a *app) runDemo(ctx context.Context, o demoOptions) error {
	if o.goals < 1 || o.goals > 500 {
		return usagef("--goals %d is out of range: use 1 to 500", o.goals)
	}
	if o.years < 1 || o.years > 30 {
		return usagef("--years %d is out of range: use 1 to 30", o.years)
	}
	started := time.Now()
	db := a.dbChoice()
	explicit := db != ""
	if !explicit {
		server, _, err := a.serverChoice()
		if err != nil {
			return err
		}
		if server != "" {
			return stride.Errorf(stride.EINVALID, "stride demo fills a local database, and this stride works on %s: the sample goals would not be there. To look around on a local one: stride demo --db demo.db", server)
		}
	}
	if !explicit {
		p, err := a.defaultDB("demo.db")
		if err != nil {
			return err
		}
		for _, suffix := range []string{"", "-wal", "-shm"} { // the demo's own: start afresh
			if err := os.Remove(p + suffix); err != nil && !os.IsNotExist(err) {
				return stride.Errorf(stride.EINTERNAL, "cannot replace the demo database: %v", err)
			}
		}
		db = p
	}
	ctx, svc, err := a.openAt(ctx, db)
	if err != nil {
		return err
	}
	existing, err := svc.Goals.FindGoals(ctx, stride.GoalFilter{})
	if err != nil {
		return err
	}
	if len(existing) > 0 && !o.force {
		return stride.Errorf(stride.ECONFLICT, "%s already holds %d goals: the demo would mix sample goals in with them. Run stride demo without --db for a database of its own, or add --force to add them anyway",
			db, len(existing))
	}
	taken := map[string]bool{}
	for _, g := range existing {
		taken[g.Name] = true
	}
	today := a.today()
	data := demo.Generate(demo.Options{Goals: o.goals, Years: o.years, Seed: o.seed, Today: today, Until: a.now().Hour()*60 + a.now().Minute()})
	years := "years"
	if o.years == 1 {
		years = "year"
	}
	fmt.Fprintf(a.env.Stderr, "Writing %d goals and %d steps over %d %s to %s...\n",
		len(data.Goals), data.Steps(), o.years, years, db)
	ids := map[string]int64{} // by sample name, for the sub-goals
	for _, dg := range data.Goals {
		g := dg.Goal
		sample := g.Name
		for taken[g.Name] {
			g.Name += " (demo)"
		}
		if id, ok := ids[dg.Parent]; ok {
			g.ParentID = &id
		}
		if err := svc.Goals.CreateGoal(ctx, g); err != nil {
			return fmt.Errorf("demo goal %q: %w", g.Name, err)
		}
		for _, d := range dg.Skips {
			if err := svc.Goals.SkipDay(ctx, g.ID, d); err != nil {
				return fmt.Errorf("demo goal %q: %w", g.Name, err)
			}
		}
		for _, p := range dg.Pauses {
			if _, err := svc.Goals.PauseGoal(ctx, g.ID, p.From, nil); err != nil {
				return fmt.Errorf("demo goal %q: %w", g.Name, err)
			}
			if _, err := svc.Goals.ResumeGoal(ctx, g.ID, p.Until); err != nil {
				return fmt.Errorf("demo goal %q: %w", g.Name, err)
			}
		}
		for _, t := range dg.Raises {
			if _, err := svc.Goals.SetTarget(ctx, g.ID, t); err != nil {
				return fmt.Errorf("demo goal %q: %w", g.Name, err)
			}
		}
		for _, s := range dg.Steps {
			s.GoalID, s.Goal = g.ID, g.Name
		}
		if err := svc.Steps.CreateSteps(ctx, dg.Steps); err != nil {
			return fmt.Errorf("demo goal %q: %w", g.Name, err)
		}
		ids[sample] = g.ID
	}
	fmt.Fprintf(a.env.Stderr, "Done in %s.\n\n", time.Since(started).Round(10*time.Millisecond))
	board, err := svc.Status.Status(ctx, today)
	if err != nil {
		return err
	}
	nodes, err := nestBoard(ctx, svc, board)
	if err != nil {
		return err
	}
	a.writeBoard(a.env.Stdout, nodes, today)
	prefix := "stride"
	if a.db != "" || !explicit {
		prefix += " --db " + shellQuote(db)
	}
	example := data.Goals[min(1, len(data.Goals)-1)].Goal.Name
	fmt.Fprintf(a.env.Stderr, "\nLook around:\n  %s status\n  %s why %s\n  %s show %s\n",
		prefix, prefix, shellQuote(example), prefix, shellQuote(example))
	return nil
}
