package cli

// This file holds what the commands of the reflection records (lesson,
// doubt, focus, work, review, wins) share: opening the store with the
// service a command needs, finding a numbered record by the id given, the
// show and delete commands of such a record, and printing a list.

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

// openService opens the store and returns the service pick chooses, or
// need's error when the store does not keep what.
func openService[S any](a *app, ctx context.Context, what string, pick func(*stride.Services) S) (context.Context, *stride.Services, S, error) {
	var none S
	ctx, svc, err := a.open(ctx)
	if err != nil {
		return nil, nil, none, err
	}
	s, err := need(a, pick(svc), what)
	if err != nil {
		return nil, nil, none, err
	}
	return ctx, svc, s, nil
}

func (a *app) openLessons(ctx context.Context) (context.Context, *stride.Services, stride.LessonService, error) {
	return openService(a, ctx, "lessons", func(s *stride.Services) stride.LessonService { return s.Lessons })
}

func (a *app) openDoubts(ctx context.Context) (context.Context, *stride.Services, stride.DoubtService, error) {
	return openService(a, ctx, "doubts", func(s *stride.Services) stride.DoubtService { return s.Doubts })
}

func (a *app) openFocus(ctx context.Context) (context.Context, *stride.Services, stride.FocusService, error) {
	return openService(a, ctx, "a daily focus", func(s *stride.Services) stride.FocusService { return s.Focus })
}

func (a *app) openWorks(ctx context.Context) (context.Context, *stride.Services, stride.WorkService, error) {
	return openService(a, ctx, "works", func(s *stride.Services) stride.WorkService { return s.Works })
}

func (a *app) openReviews(ctx context.Context) (context.Context, *stride.Services, stride.ReviewService, error) {
	return openService(a, ctx, "weekly reviews", func(s *stride.Services) stride.ReviewService { return s.Reviews })
}

// openRecord opens the store with open and finds with find the numbered
// record (what: "lesson", "doubt") whose id is in arg. A bad id is a usage
// error; an unknown one an ENOTFOUND naming the list command.
func openRecord[S, T any](ctx context.Context, arg, what string,
	open func(context.Context) (context.Context, *stride.Services, S, error),
	find func(S, context.Context, int64) (T, error),
) (context.Context, S, T, error) {
	var (
		noS  S
		noT  T
		list = "stride " + what + " list"
	)
	id, err := parseRecordID(arg, what, list)
	if err != nil {
		return nil, noS, noT, err
	}
	ctx, _, s, err := open(ctx)
	if err != nil {
		return nil, noS, noT, err
	}
	x, err := find(s, ctx, id)
	if err != nil {
		return nil, noS, noT, recordNotFound(err, what, id, list)
	}
	return ctx, s, x, nil
}

// recordShowCmd is the "show ID" command of a numbered record: find finds
// it by the id given, write prints it for a person; --json prints it as
// JSON.
func recordShowCmd[T any](a *app, what, short string, find func(context.Context, string) (T, error), write func(io.Writer, T)) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: short,
		Args:  cobra.ExactArgs(1),
		RunE: a.run(func(cmd *cobra.Command, args []string) error {
			x, err := find(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(a.env.Stdout, x)
			}
			write(a.env.Stdout, x)
			return nil
		}),
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the "+what+" as JSON")
	return cmd
}

// recordDeleteCmd is the "delete ID" command of a numbered record: remove
// deletes the record with the id given and returns its id and day.
func (a *app) recordDeleteCmd(what, short string, remove func(ctx context.Context, arg string) (int64, stride.Date, error)) *cobra.Command {
	return &cobra.Command{
		Use:     "delete ID",
		Aliases: []string{"rm"},
		Short:   short,
		Args:    cobra.ExactArgs(1),
		RunE: a.run(func(cmd *cobra.Command, args []string) error {
			id, day, err := remove(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			fmt.Fprintf(a.env.Stdout, "Removed %s %d (%s).\n", what, id, words.Day(day))
			return nil
		}),
	}
}

// writeList prints the records of a list command: with asJSON a JSON array
// (empty, never null); when there are none, the hint none on standard
// error; else the records as write prints them on standard output.
func writeList[T any](a *app, xs []*T, asJSON bool, none string, write func(io.Writer, []*T) error) error {
	if asJSON {
		if xs == nil {
			xs = []*T{}
		}
		return writeJSON(a.env.Stdout, xs)
	}
	if len(xs) == 0 {
		fmt.Fprintln(a.env.Stderr, hang("", none))
		return nil
	}
	return write(a.env.Stdout, xs)
}

// pastDay reads the day of something done, which may not be in the
// future; rest finishes the message when it is: "a lesson belongs to today
// or earlier".
func (a *app) pastDay(s, rest string) (stride.Date, error) {
	d, err := a.parseDate(s)
	if err != nil {
		return 0, err
	}
	if d > a.today() {
		return 0, usagef("%s is in the future: %s", words.Day(d), rest)
	}
	return d, nil
}

// goalFlag reads the --for of an edit as the update of a record's goal:
// nil when --for is not given, else the goal's id, or no id for --for ""
// (the record leaves its goal).
func (a *app) goalFlag(ctx context.Context, f *pflag.FlagSet, name string) (**int64, error) {
	if !f.Changed("for") {
		return nil, nil
	}
	var id *int64
	if strings.TrimSpace(name) != "" {
		_, svc, err := a.open(ctx)
		if err != nil {
			return nil, err
		}
		g, err := a.findGoal(ctx, svc, name)
		if err != nil {
			return nil, err
		}
		id = &g.ID
	}
	return &id, nil
}
