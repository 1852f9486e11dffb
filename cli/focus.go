package cli

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/words"
)

type focusOptions struct {
	text  string
	date  string
	carry bool
	json  bool
}

func (a *app) focusCmd() *cobra.Command {
	var o focusOptions
	cmd := &cobra.Command{
		Use:   "focus [TEXT...] [--carry] [--date DATE]",
		Short: "Set or show the day's one key task",
		Long: `One key task a day: pick the one that matters and do it before the day
gets busy. With TEXT, stride sets the day's focus (replacing its text if
there is one); without, it shows it. When the day has none and an earlier
focus is still open, stride offers it again: --carry carries it over.

A focus that starts with "done" or "list" needs quotes:
stride focus "list the chapters".`,
		Example: `  stride focus draft the intro
  stride focus
  stride focus --carry
  stride focus done
  stride focus "plan the week" --date tomorrow`,
		Args: cobra.ArbitraryArgs,
		RunE: a.run(func(cmd *cobra.Command, args []string) error {
			o.text = joinArgs(args)
			return a.runFocus(cmd.Context(), o)
		}),
	}
	f := cmd.Flags()
	f.StringVar(&o.date, "date", "", "the day (default today): YYYY-MM-DD, tomorrow, -1d, mon...")
	f.BoolVar(&o.carry, "carry", false, "carry the latest open focus over to the day")
	f.BoolVar(&o.json, "json", false, "print the day's focus as JSON (null when none)")
	cmd.AddCommand(a.focusDoneCmd(), a.focusListCmd())
	return cmd
}

func (a *app) runFocus(ctx context.Context, o focusOptions) error {
	day, err := a.parseDate(o.date)
	if err != nil {
		return err
	}
	if o.carry && o.text != "" {
		return usagef("give either a new focus or --carry, not both")
	}
	if o.text != "" {
		f := &stride.Focus{Day: day, Text: o.text}
		if err := f.Validate(); err != nil {
			return err
		}
	}
	ctx, _, foci, err := a.openFocus(ctx)
	if err != nil {
		return err
	}
	w := a.env.Stdout
	switch {
	case o.text != "":
		f := &stride.Focus{Day: day, Text: o.text}
		old, err := replaceFocus(ctx, foci, f)
		if err != nil {
			return err
		}
		if o.json {
			return writeJSON(w, f)
		}
		fmt.Fprintf(w, "%s %s: %s\n", a.sty.green("Focus for"), a.dayName(day), a.sty.bold(f.Text))
		writeWas(w, old, f)
		if day == a.today() && !f.Done {
			fmt.Fprintln(w, "  Do it before the day gets busy. Then: stride focus done")
		}
		return nil
	case o.carry:
		return a.carryFocus(ctx, foci, day, o.json)
	}
	f, err := foci.FindFocusByDay(ctx, day)
	if err != nil && stride.ErrorCode(err) != stride.ENOTFOUND {
		return err
	}
	if o.json {
		return writeJSON(w, f) // null when there is none
	}
	if f != nil {
		a.writeFocus(w, f)
		return nil
	}
	open, err := a.openFocusBefore(ctx, foci, day)
	if err != nil {
		return err
	}
	if open != nil {
		fmt.Fprintln(a.env.Stderr, hang("", words.FocusStillOpen(open, a.today(), a.carryCommand(day))))
		return nil
	}
	say(a.env.Stderr, "No focus for %s yet. Pick the one task that matters: stride focus \"draft the intro\"\n", a.dayName(day))
	return nil
}

// replaceFocus sets f as the focus of its day and returns the focus it
// replaced, nil when the day had none.
func replaceFocus(ctx context.Context, foci stride.FocusService, f *stride.Focus) (*stride.Focus, error) {
	old, err := foci.FindFocusByDay(ctx, f.Day)
	if err != nil && stride.ErrorCode(err) != stride.ENOTFOUND {
		return nil, err
	}
	if err := foci.SetFocus(ctx, f); err != nil {
		return nil, err
	}
	return old, nil
}

// writeWas says what the day's focus was, when f replaced other words.
func writeWas(w io.Writer, old, f *stride.Focus) {
	switch {
	case old == nil || old.Text == f.Text:
	case old.Done: // a new task after a finished one: the day's mark is not carried to it
		fmt.Fprintf(w, "  (it was: %s, done)\n", clip(old.Text, lineWidth-18))
	default:
		fmt.Fprintf(w, "  (it was: %s)\n", clip(old.Text, lineWidth-12))
	}
}

// carryCommand is the command that carries a focus over to day.
func (a *app) carryCommand(day stride.Date) string {
	if day == a.today() {
		return "stride focus --carry"
	}
	return "stride focus --carry --date " + day.String()
}

// dayName names a day relative to today: "today (Sat 2026-11-21)".
func (a *app) dayName(d stride.Date) string {
	switch d - a.today() {
	case 0:
		return "today (" + words.Day(d) + ")"
	case 1:
		return "tomorrow (" + words.Day(d) + ")"
	case -1:
		return "yesterday (" + words.Day(d) + ")"
	}
	return words.Day(d)
}

func (a *app) writeFocus(w io.Writer, f *stride.Focus) {
	mark, text := "·", a.sty.bold(f.Text)
	if f.Done {
		mark = a.sty.green("✓")
	}
	fmt.Fprintf(w, "%s Focus for %s: %s\n", mark, a.dayName(f.Day), text)
	if f.CarriedFrom != nil {
		fmt.Fprintln(w, a.sty.dim("  carried over from "+words.Day(*f.CarriedFrom)))
	}
	if !f.Done && f.Day <= a.today() {
		fmt.Fprintln(w, a.sty.dim("  When it is done: stride focus done"+dateFlag(a, f.Day)))
	}
}

// dateFlag is " --date DAY" for a day other than today.
func dateFlag(a *app, d stride.Date) string {
	if d == a.today() {
		return ""
	}
	return " --date " + d.String()
}

// openFocusBefore returns the latest focus before day (and not after
// today) when it is not done; nil when it is done or there is none. One
// indexed read.
func (a *app) openFocusBefore(ctx context.Context, foci stride.FocusService, day stride.Date) (*stride.Focus, error) {
	until := min(day.AddDays(-1), a.today())
	prev, err := foci.FindFoci(ctx, stride.FocusFilter{Until: &until, Limit: 1})
	if err != nil || len(prev) == 0 || prev[0].Done {
		return nil, err
	}
	return prev[0], nil
}

func (a *app) carryFocus(ctx context.Context, foci stride.FocusService, day stride.Date, asJSON bool) error {
	cur, err := foci.FindFocusByDay(ctx, day)
	if err != nil && stride.ErrorCode(err) != stride.ENOTFOUND {
		return err
	}
	if cur != nil {
		return stride.Errorf(stride.ECONFLICT, "%s already has a focus: %s. To change it: stride focus TEXT%s",
			a.dayName(day), cur.Text, dateFlag(a, day))
	}
	open, err := a.openFocusBefore(ctx, foci, day)
	if err != nil {
		return err
	}
	if open == nil {
		return stride.Errorf(stride.ECONFLICT, "no open focus before %s to carry over. Pick a new one: stride focus TEXT%s",
			a.dayName(day), dateFlag(a, day))
	}
	from := open.Day
	if open.CarriedFrom != nil {
		from = *open.CarriedFrom
	}
	f := &stride.Focus{Day: day, Text: open.Text, CarriedFrom: &from}
	if err := foci.SetFocus(ctx, f); err != nil {
		return err
	}
	if asJSON {
		return writeJSON(a.env.Stdout, f)
	}
	fmt.Fprintf(a.env.Stdout, "%s to %s: %s\n", a.sty.green("Carried over"), a.dayName(day), a.sty.bold(f.Text))
	say(a.env.Stdout, "  A new day, the same task that matters. Then: stride focus done%s", dateFlag(a, day))
	return nil
}

func (a *app) focusDoneCmd() *cobra.Command {
	var date string
	cmd := &cobra.Command{
		Use:   "done [--date DATE]",
		Short: "Mark the day's focus done",
		Args:  cobra.NoArgs,
		RunE: a.run(func(cmd *cobra.Command, _ []string) error {
			day, err := a.pastDay(date, "mark a focus done on today or earlier")
			if err != nil {
				return err
			}
			ctx, _, foci, err := a.openFocus(cmd.Context())
			if err != nil {
				return err
			}
			f, err := foci.FindFocusByDay(ctx, day)
			if stride.ErrorCode(err) == stride.ENOTFOUND {
				return stride.Errorf(stride.ENOTFOUND, "no focus for %s to mark done. Set one with: stride focus TEXT%s",
					a.dayName(day), dateFlag(a, day))
			} else if err != nil {
				return err
			}
			if f.Done {
				fmt.Fprintf(a.env.Stdout, "The focus of %s is already done: %s\n", a.dayName(day), f.Text)
				return nil
			}
			done := true
			if f, err = foci.UpdateFocus(ctx, f.ID, stride.FocusUpdate{Done: &done}); err != nil {
				return err
			}
			fmt.Fprintf(a.env.Stdout, "%s %s\n", a.sty.green("✓"), words.FocusDoneLine(f))
			return nil
		}),
	}
	cmd.Flags().StringVar(&date, "date", "", "the day (default today)")
	return cmd
}

type focusListOptions struct {
	since, until string
	json         bool
}

func (a *app) focusListCmd() *cobra.Command {
	var o focusListOptions
	cmd := &cobra.Command{
		Use:     "list [--since DATE] [--until DATE]",
		Aliases: []string{"ls"},
		Short:   "List the daily foci (the last 30 days unless told otherwise)",
		Args:    cobra.NoArgs,
		RunE: a.run(func(cmd *cobra.Command, _ []string) error {
			return a.runFocusList(cmd.Context(), o)
		}),
	}
	f := cmd.Flags()
	f.StringVar(&o.since, "since", "", "first day (default 30 days before --until)")
	f.StringVar(&o.until, "until", "", "last day")
	f.BoolVar(&o.json, "json", false, "print the foci as a JSON array, newest first")
	return cmd
}

func (a *app) runFocusList(ctx context.Context, o focusListOptions) error {
	var filter stride.FocusFilter
	last := a.today()
	if o.until != "" {
		u, err := a.parseDate(o.until)
		if err != nil {
			return err
		}
		last, filter.Until = u, &u
	}
	since := last.AddDays(-29) // the 30 days up to --until, or up to today
	if o.since != "" {
		d, err := a.parseDate(o.since)
		if err != nil {
			return err
		}
		if filter.Until != nil && *filter.Until < d {
			return usagef("--until %s is before --since %s", *filter.Until, d)
		}
		since = d
	}
	filter.Since = &since
	ctx, _, foci, err := a.openFocus(ctx)
	if err != nil {
		return err
	}
	fs, err := foci.FindFoci(ctx, filter)
	if err != nil {
		return err
	}
	none := fmt.Sprintf("No focus set since %s. Pick one for today: stride focus \"draft the intro\"", words.Day(since))
	if filter.Until != nil {
		none = fmt.Sprintf("No focus set from %s to %s.", words.Day(since), words.Day(*filter.Until))
	}
	return writeList(a, fs, o.json, none, a.writeFoci)
}

// writeFoci prints one line per focus: its day, whether it is done and
// where it was carried from, then how many tasks are done.
func (a *app) writeFoci(w io.Writer, fs []*stride.Focus) error {
	for _, f := range fs {
		mark := "·"
		if f.Done {
			mark = a.sty.green("✓")
		}
		carried := ""
		if f.CarriedFrom != nil {
			carried = "  (from " + words.ShortDay(*f.CarriedFrom) + ")"
		}
		room := lineWidth - 14 - 4 - width(carried)
		fmt.Fprintf(w, "%s  %s %s%s\n", words.Day(f.Day), mark, clip(oneLine(f.Text), room), a.sty.dim(carried))
	}
	fmt.Fprintln(w, a.sty.dim(focusTallyLine(stride.FocusTally(fs, a.today()))))
	return nil
}

// focusTallyLine says how many focus tasks are done: a task carried over
// counts once, and one planned for a day to come is not yet asked of
// anyone (stride.FocusTally).
func focusTallyLine(done, tasks, planned int) string {
	ahead := ""
	if planned > 0 {
		ahead = fmt.Sprintf("; %d more planned ahead", planned)
	}
	if tasks == 0 {
		return fmt.Sprintf("%s planned ahead.", words.Plural(planned, "focus day"))
	}
	return fmt.Sprintf("%d of %s done%s.", done, words.Plural(tasks, "focus task"), ahead)
}
