package cli

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/spf13/cobra"
)

// The errors cobra and pflag give for bad flags and arguments name their
// parsers ("strconv.ParseInt: parsing ...") and count "arg(s)". These
// say what was wrong and what is accepted, in stride's words.
var (
	badFlagValueRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^invalid argument "(.*)" for "(?:-\w, )?(--[\w-]+)" flag: (.*)$`)
	})
	shorthandRE  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^unknown shorthand flag: '.' in (-\S+)$`) })
	unknownCmdRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^unknown command "(.*)" for "(.*)"$`) })
	argCountRE   = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(?:accepts|requires) (?:at least |at most |between )?(\d+)(?: and (\d+))? arg\(s\), (?:only )?received (\d+)$`)
	})
)

// friendlyFlagError rewrites a flag parse error.
func friendlyFlagError(err error) error {
	msg := err.Error()
	if m := shorthandRE().FindStringSubmatch(msg); m != nil {
		if _, nerr := strconv.ParseFloat(m[1], 64); nerr == nil {
			return fmt.Errorf("%s is a negative amount: a step adds progress, so amounts are more than 0; "+
				"to take a step back, use stride undo or stride step edit", m[1])
		}
		return fmt.Errorf("unknown flag %s", m[1])
	}
	if m := badFlagValueRE().FindStringSubmatch(msg); m != nil {
		what := m[3]
		switch {
		case strings.Contains(what, "strconv.ParseInt"), strings.Contains(what, "strconv.ParseUint"):
			what = "is not a whole number"
		case strings.Contains(what, "strconv.ParseFloat"):
			what = "is not a number"
		case strings.Contains(what, "strconv.ParseBool"):
			what = "is not true or false"
		default:
			what = "is not accepted: " + what
		}
		return fmt.Errorf("%s %q %s", m[2], m[1], what)
	}
	return err
}

// friendlyArgsError rewrites cobra's complaint about the number of
// arguments into what cmd takes, with its usage line; other errors are
// returned as they are.
func friendlyArgsError(cmd *cobra.Command, err error) string {
	if cmd == nil {
		return err.Error()
	}
	name := strings.TrimPrefix(cmd.CommandPath(), "stride ")
	usage := strings.TrimSuffix(cmd.UseLine(), " [flags]")
	if m := unknownCmdRE().FindStringSubmatch(err.Error()); m != nil {
		if !cmd.HasAvailableSubCommands() && cmd.HasParent() {
			return fmt.Sprintf("%s takes %s; %q was given. Usage: %s", name, expected(cmd.Use), m[1], usage)
		}
		msg := fmt.Sprintf("no command %q", m[1])
		if cmd.HasParent() {
			msg = fmt.Sprintf("%s has no command %q", name, m[1])
		}
		if cmd.SuggestionsMinimumDistance <= 0 {
			cmd.SuggestionsMinimumDistance = 2 // cobra's own default, which SuggestionsFor leaves unset
		}
		if s := cmd.SuggestionsFor(m[1]); len(s) > 0 {
			last := len(s) - 1
			if last > 0 {
				s = append(s[:last-1], s[last-1]+" or "+s[last])
			}
			return fmt.Sprintf("%s. Did you mean %s?", msg, strings.Join(s, ", "))
		}
		return msg
	}
	m := argCountRE().FindStringSubmatch(err.Error())
	if m == nil {
		return err.Error()
	}
	got, _ := strconv.Atoi(m[3])
	given := "none was given"
	switch {
	case got == 1:
		given = "1 was given"
	case got > 1:
		given = m[3] + " were given"
	}
	return fmt.Sprintf("%s takes %s; %s. Usage: %s", name, expected(cmd.Use), given, usage)
}

// expected describes the arguments a Use line names: "a NAME", "a GOAL
// and optionally more".
func expected(use string) string {
	fields := strings.Fields(use)[1:]
	var need, opt []string
	for i := 0; i < len(fields); i++ {
		switch f := fields[i]; {
		case f == "[flags]":
		case strings.HasPrefix(f, "[-"): // an optional flag, and its value if any
			for !strings.HasSuffix(fields[i], "]") && i+1 < len(fields) {
				i++
			}
		case strings.HasPrefix(f, "-"): // a flag the command needs, and its value
			i++
		case strings.HasPrefix(f, "["):
			opt = append(opt, strings.Trim(f, "[]."))
		default:
			need = append(need, strings.Trim(f, "."))
		}
	}
	switch {
	case len(need) == 0 && len(opt) == 0:
		return "no arguments"
	case len(need) == 0:
		return "at most " + strings.Join(opt, " and ")
	case len(opt) == 0:
		return strings.Join(need, " and ")
	}
	return strings.Join(need, " and ") + ", then optionally " + strings.Join(opt, " and ")
}
