package importer

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/strideapp/stride"
)

// ParseError is a fault in an export, located so a person can find it:
//
//	Checkmarks.csv (habit "Run") line 12, field Value: "MAYBE" is not YES_MANUAL, YES_AUTO, NO, SKIP or UNKNOWN
//	Loop Habits Backup.db table Repetitions row 17, field value: …
//	habits line 4, field frequency: "3x" is not N, Nw, T/I or 0
//
// Its Unwrap gives a *stride.Error with code EINVALID and the same
// message, so stride.ErrorCode and stride.ErrorMessage treat it as a
// mistake in the input, not a fault of stride.
type ParseError struct {
	File  string // the file's name (inside the archive for a zip)
	Habit string // the source's name of the habit the file or row is about, or ""
	Table string // the database table, for a SQLite backup
	Line  int    // the line of a text file or the row id in Table; 0 for the whole file
	Field string // the column or field, or ""
	Msg   string
}

// Error writes the location, then the message.
func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Habit != "" {
		fmt.Fprintf(&b, " (habit %q)", e.Habit)
	}
	if e.Table != "" {
		b.WriteString(" table " + e.Table)
	}
	if e.Line > 0 {
		if e.Table != "" {
			b.WriteString(" row " + strconv.Itoa(e.Line))
		} else {
			b.WriteString(" line " + strconv.Itoa(e.Line))
		}
	}
	if e.Field != "" {
		sep := ","
		if e.Line == 0 && e.Table == "" {
			sep = ""
		}
		b.WriteString(sep + " field " + e.Field)
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Unwrap returns the error as an EINVALID *stride.Error.
func (e *ParseError) Unwrap() error { return &stride.Error{Code: stride.EINVALID, Message: e.Error()} }

// Errorf returns a *ParseError for file, line and field with a formatted
// message.
func Errorf(file string, line int, field, format string, args ...any) *ParseError {
	return &ParseError{File: file, Line: line, Field: field, Msg: fmt.Sprintf(format, args...)}
}
