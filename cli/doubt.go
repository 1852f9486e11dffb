package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/review"
	"github.com/strideapp/stride/words"
)

func (a *app) doubtCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "doubt",
		Short: "Write a self-doubt down, with the evidence against it",
		Long: `Self-doubt is normal. Write the doubt down in your own words, then the
evidence against it (stride offers facts from your own record) and a kinder
reframe. Later, revisit it: does it still hold?`,
		Args: cobra.NoArgs,
		RunE: a.run(func(cmd *cobra.Command, _ []string) error { return a.runDoubtList(cmd.Context(), false) }),
	}
	cmd.AddCommand(a.doubtAddCmd(), a.doubtListCmd(), a.doubtShowCmd(), a.doubtEditCmd(),
		a.doubtRevisitCmd(), a.doubtDeleteCmd())
	return cmd
}

type doubtOptions struct {
	text, against, reframe, date string
}

func (a *app) doubtAddCmd() *cobra.Command {
	var o doubtOptions
	cmd := &cobra.Command{
		Use:   "add TEXT... [--against T] [--reframe T]",
		Short: "Write a doubt down, with the evidence against it",
		Long: `Write down a doubt in your own words. Without --against on a terminal,
stride asks for the evidence against it and a kinder reframe, and offers
facts from your record of the last 30 days as prompts. In a script those
facts go to standard error as a hint.`,
		Example: `  stride doubt add "I am not a runner"
  stride doubt add I never finish anything \
      --against "finished the course in May" \
      --reframe "I finish what matters to me"`,
		Args: cobra.MinimumNArgs(1),
		RunE: a.run(func(cmd *cobra.Command, args []string) error {
			o.text = joinArgs(args)
			return a.runDoubtAdd(cmd.Context(), cmd.Flags(), o)
		}),
	}
	f := cmd.Flags()
	f.StringVar(&o.against, "against", "", "the evidence against it")
	f.StringVar(&o.reframe, "reframe", "", "a kinder way to say it")
	f.StringVar(&o.date, "date", "", "the day (default today)")
	return cmd
}

func (a *app) runDoubtAdd(ctx context.Context, f *pflag.FlagSet, o doubtOptions) error {
	d := &stride.Doubt{Text: o.text, Against: o.against, Reframe: o.reframe}
	var err error
	if d.Day, err = a.pastDay(o.date, "a doubt belongs to today or earlier"); err != nil {
		return err
	}
	if err := d.Validate(); err != nil {
		return err
	}
	ctx, svc, doubts, err := a.openDoubts(ctx)
	if err != nil {
		return err
	}
	asked := false
	if !f.Changed("against") {
		facts, err := review.DoubtEvidence(ctx, svc, a.today())
		if err != nil {
			return err
		}
		if a.env.StdinTTY {
			q := words.DoubtQuestions
			help := q.Against.Help
			if len(facts) > 0 {
				help += "\nFrom your record:\n  " + strings.Join(facts, "\n  ")
			}
			qs := []question{{title: q.Against.Title, help: help, value: &d.Against, long: true}}
			if !f.Changed("reframe") {
				qs = append(qs, question{title: q.Reframe.Title, help: q.Reframe.Help, value: &d.Reframe})
			}
			if err := a.ask(ctx, qs...); err != nil {
				return a.aborted(err)
			}
			if err := d.Validate(); err != nil {
				return err
			}
			asked = true
		} else if len(facts) > 0 {
			fmt.Fprintln(a.env.Stderr, "Evidence against it may be in your own record:")
			for _, s := range facts {
				fmt.Fprintln(a.env.Stderr, hang("  ", s))
			}
		}
	}
	if err := doubts.CreateDoubt(ctx, d); err != nil {
		return err
	}
	w := a.env.Stdout
	say(w, "%s doubt %d on %s. Self-doubt is normal; now it is written down, not just felt.\n",
		a.sty.green("Saved"), d.ID, words.Day(d.Day))
	if d.Against == "" && !asked {
		say(w, "  Add the evidence against it when you have it: stride doubt edit %d --against TEXT\n", d.ID)
	}
	say(w, "  Look at it again later: stride doubt revisit %d\n", d.ID)
	return nil
}

func (a *app) doubtListCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:     "list",
		Aliases: []string{"ls"},
		Short:   "List doubts, newest first, with how the last revisit went",
		Args:    cobra.NoArgs,
		RunE:    a.run(func(cmd *cobra.Command, _ []string) error { return a.runDoubtList(cmd.Context(), asJSON) }),
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the doubts as a JSON array")
	return cmd
}

func (a *app) runDoubtList(ctx context.Context, asJSON bool) error {
	ctx, _, doubts, err := a.openDoubts(ctx)
	if err != nil {
		return err
	}
	ds, err := doubts.FindDoubts(ctx, stride.DoubtFilter{})
	if err != nil {
		return err
	}
	return writeList(a, ds, asJSON, `No doubts written down. When one comes up, write it here: stride doubt add "I am not a runner"`, a.writeDoubts)
}

// writeDoubts prints one line per doubt: id, day, the doubt and how its
// last revisit went.
func (a *app) writeDoubts(w io.Writer, ds []*stride.Doubt) error {
	idW := 1
	for _, d := range ds {
		idW = max(idW, len(fmt.Sprint(d.ID)))
	}
	for _, d := range ds {
		state := ""
		if n := len(d.Revisits); n > 0 {
			state = "  (" + revisitWord(d.Revisits[n-1]) + ")"
		}
		line := fmt.Sprintf("%s  %s  ", a.sty.dim(fmt.Sprintf("%*d", idW, d.ID)), words.Day(d.Day))
		room := lineWidth - idW - 2 - 14 - 2 - width(state)
		fmt.Fprintln(w, line+clip(oneLine(d.Text), max(10, room))+a.sty.dim(state))
	}
	return nil
}

func revisitWord(r stride.Revisit) string {
	if r.Holds {
		return "still held on " + words.Day(r.Day)
	}
	return "no longer holds since " + words.Day(r.Day)
}

// openDoubt opens the store and finds the doubt with the id in arg.
func (a *app) openDoubt(ctx context.Context, arg string) (context.Context, stride.DoubtService, *stride.Doubt, error) {
	return openRecord(ctx, arg, "doubt", a.openDoubts, stride.DoubtService.FindDoubtByID)
}

func (a *app) doubtShowCmd() *cobra.Command {
	return recordShowCmd(a, "doubt", "Show a doubt, the evidence against it and its revisits",
		func(ctx context.Context, arg string) (*stride.Doubt, error) {
			_, _, d, err := a.openDoubt(ctx, arg)
			return d, err
		}, a.writeDoubt)
}

func (a *app) writeDoubt(w io.Writer, d *stride.Doubt) {
	fmt.Fprintln(w, a.sty.bold(fmt.Sprintf("Doubt %d · %s", d.ID, words.Day(d.Day))))
	a.writeBlock(w, "the doubt", d.Text)
	a.writeBlock(w, "the evidence against it", d.Against)
	a.writeBlock(w, "a kinder reframe", d.Reframe)
	if len(d.Revisits) == 0 {
		fmt.Fprintln(w, a.sty.dim(fmt.Sprintf("Not revisited yet: stride doubt revisit %d", d.ID)))
		return
	}
	fmt.Fprintln(w, a.sty.dim("revisits"))
	for _, r := range d.Revisits {
		line := "still held"
		if !r.Holds {
			line = "no longer holds"
		}
		if r.Note != "" {
			line += ": " + oneLine(r.Note)
		}
		fmt.Fprintln(w, hang("  "+words.Day(r.Day)+"  ", line))
	}
}

func (a *app) doubtEditCmd() *cobra.Command {
	var o doubtOptions
	cmd := &cobra.Command{
		Use:   "edit ID [--text T] [--against T] [--reframe T] [--date D]",
		Short: "Change a doubt: only the flags given change",
		Args:  cobra.ExactArgs(1),
		RunE: a.run(func(cmd *cobra.Command, args []string) error {
			f := cmd.Flags()
			if _, err := parseRecordID(args[0], "doubt", "stride doubt list"); err != nil {
				return err
			}
			var upd stride.DoubtUpdate
			if f.Changed("text") {
				if strings.TrimSpace(o.text) == "" {
					return usagef("--text is empty: write the doubt in your own words, or remove it with stride doubt delete %s", args[0])
				}
				upd.Text = &o.text
			}
			if f.Changed("against") {
				upd.Against = &o.against
			}
			if f.Changed("reframe") {
				upd.Reframe = &o.reframe
			}
			if f.Changed("date") {
				d, err := a.pastDay(o.date, "a doubt belongs to today or earlier")
				if err != nil {
					return err
				}
				upd.Day = &d
			}
			if upd == (stride.DoubtUpdate{}) {
				return usagef("nothing to change: give --text, --against, --reframe or --date")
			}
			ctx, doubts, d, err := a.openDoubt(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			if d, err = doubts.UpdateDoubt(ctx, d.ID, upd); err != nil {
				return err
			}
			fmt.Fprintf(a.env.Stdout, "%s doubt %d.\n", a.sty.green("Updated"), d.ID)
			return nil
		}),
	}
	f := cmd.Flags()
	f.StringVar(&o.text, "text", "", "the doubt, in your words")
	f.StringVar(&o.against, "against", "", "the evidence against it")
	f.StringVar(&o.reframe, "reframe", "", "a kinder way to say it")
	f.StringVar(&o.date, "date", "", "the day")
	return cmd
}

type revisitOptions struct {
	holds, noLonger bool
	note, date      string
}

func (a *app) doubtRevisitCmd() *cobra.Command {
	var o revisitOptions
	cmd := &cobra.Command{
		Use:   "revisit ID [--holds|--no-longer-holds] [--note T]",
		Short: "Look at a doubt again: does it still hold?",
		Long: `Look at a doubt again. On a terminal without --holds or --no-longer-holds
stride shows the doubt and the evidence against it and asks whether it
still holds; in a script give one of them.`,
		Example: `  stride doubt revisit 2
  stride doubt revisit 2 --no-longer-holds --note "ran 5 km on Sunday"`,
		Args: cobra.ExactArgs(1),
		RunE: a.run(func(cmd *cobra.Command, args []string) error {
			return a.runDoubtRevisit(cmd.Context(), args[0], o)
		}),
	}
	f := cmd.Flags()
	f.BoolVar(&o.holds, "holds", false, "the doubt still holds")
	f.BoolVar(&o.noLonger, "no-longer-holds", false, "it no longer holds")
	opposites(f, "holds", "no-longer-holds")
	f.StringVar(&o.note, "note", "", "what you see now")
	f.StringVar(&o.date, "date", "", "the day of the revisit (default today)")
	return cmd
}

func (a *app) runDoubtRevisit(ctx context.Context, arg string, o revisitOptions) error {
	if _, err := parseRecordID(arg, "doubt", "stride doubt list"); err != nil {
		return err
	}
	if o.holds && o.noLonger {
		return usagef("give either --holds or --no-longer-holds, not both")
	}
	guided := !o.holds && !o.noLonger
	if guided && !a.env.StdinTTY {
		return usagef("does it still hold? Give --holds or --no-longer-holds (and --note TEXT); on a terminal stride asks")
	}
	r := stride.Revisit{Holds: o.holds, Note: strings.TrimSpace(o.note)}
	var err error
	if r.Day, err = a.pastDay(o.date, "revisit on today or earlier"); err != nil {
		return err
	}
	ctx, doubts, d, err := a.openDoubt(ctx, arg)
	if err != nil {
		return err
	}
	if guided {
		a.writeDoubt(a.env.Stderr, d)
		q := words.DoubtQuestions
		qs := []question{{title: q.Holds.Title, help: q.Holds.Help, yes: &r.Holds}}
		if o.note == "" {
			qs = append(qs, question{title: "A note (optional)", help: "What do you see now?", value: &r.Note})
		}
		if err := a.ask(ctx, qs...); err != nil {
			return a.aborted(err)
		}
	}
	if d, err = doubts.RevisitDoubt(ctx, d.ID, r); err != nil {
		return err
	}
	line := words.DoubtRevisited(r.Holds)
	if !r.Holds {
		line = a.sty.green(line)
	}
	say(a.env.Stdout, "Doubt %d, revisited on %s: %s\n", d.ID, words.Day(r.Day), oneLine(clip(d.Text, 40)))
	fmt.Fprintln(a.env.Stdout, hang("  ", line))
	return nil
}

func (a *app) doubtDeleteCmd() *cobra.Command {
	return a.recordDeleteCmd("doubt", "Remove a doubt and its revisits", func(ctx context.Context, arg string) (int64, stride.Date, error) {
		ctx, doubts, d, err := a.openDoubt(ctx, arg)
		if err != nil {
			return 0, 0, err
		}
		return d.ID, d.Day, doubts.DeleteDoubt(ctx, d.ID)
	})
}
