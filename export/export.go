// Package export writes and reads stride's own formats (docs/formats.md):
// the JSON backup of one user's data (a stride.Backup, indented), the CSV
// of steps, one row each, which also imports, and the markdown journal of
// notes, reflections, lessons, doubts, reviews and wins, by date. It is
// pure: it reads and writes the readers and writers it is given, and the
// CLI, the API and the web app share it.
package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/importer"
)

// MaxJSONBytes bounds a backup read: ten years of fifty daily goals is
// about 40 MiB of JSON.
const MaxJSONBytes = importer.MaxFileBytes

// WriteJSON writes doc as indented JSON, the format of stride export json.
func WriteJSON(w io.Writer, doc *stride.Backup) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// FileName is the name a download of a backup or a CSV gets:
// stride-backup-2026-11-21.json, stride-steps-2026-11-21.csv.
func FileName(kind string, day stride.Date) string {
	switch kind {
	case "csv":
		return "stride-steps-" + day.String() + ".csv"
	case "markdown":
		return "stride-journal-" + day.String() + ".md"
	}
	return "stride-backup-" + day.String() + ".json"
}

// ReadJSON reads a backup document from r (named file in messages), at
// most MaxJSONBytes. Fields it does not know are ignored, so a backup
// written by a later stride of the same version reads; a format or version
// it cannot read is refused by the import itself. It returns a
// *importer.ParseError (code EINVALID) naming the line and, where the
// JSON decoder tells, the field.
func ReadJSON(r io.Reader, file string) (*stride.Backup, error) {
	data, err := io.ReadAll(importer.LimitFile(r, file))
	if err != nil {
		var pe *importer.ParseError
		if errors.As(err, &pe) {
			return nil, pe
		}
		return nil, fmt.Errorf("read %s: %w", file, err)
	}
	var doc stride.Backup
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, jsonError(data, file, err)
	}
	if doc.Format == "" && len(doc.Goals) == 0 {
		return nil, importer.Errorf(file, 0, "", "this is not a stride backup: it has no \"format\": %q (stride export json writes one)", stride.BackupFormat)
	}
	return &doc, nil
}

// jsonError locates a decoding error of data in lines.
func jsonError(data []byte, file string, err error) error {
	var (
		syntax *json.SyntaxError
		typ    *json.UnmarshalTypeError
		se     *stride.Error
	)
	switch {
	case errors.As(err, &syntax):
		return importer.Errorf(file, lineAt(data, syntax.Offset), "", "the JSON is not valid: %s", syntax.Error())
	case errors.As(err, &typ):
		what := typ.Value
		if what == "" {
			what = "this value"
		}
		return importer.Errorf(file, lineAt(data, typ.Offset), jsonPath(typ.Field), "%s is not what the field holds (%s)", what, typ.Type)
	case errors.As(err, &se):
		// A date the domain refused as it read it: the decoder does not
		// say where, so the line is the first holding the value named.
		line := 0
		if _, v, ok := strings.Cut(se.Message, `"`); ok {
			if v, _, ok = strings.Cut(v, `"`); ok {
				if i := bytes.Index(data, []byte(`"`+v+`"`)); i >= 0 {
					line = lineAt(data, int64(i))
				}
			}
		}
		return importer.Errorf(file, line, "", "%s", se.Message)
	}
	return importer.Errorf(file, 0, "", "the JSON is not understood: %v", err)
}

// jsonPath drops from a decoder's field path the Go names of embedded
// structs ("goals.Goal.name" is goals.name in the file).
func jsonPath(p string) string {
	parts := strings.Split(p, ".")
	out := parts[:0]
	for _, s := range parts {
		if s != "" && (s[0] < 'A' || s[0] > 'Z') {
			out = append(out, s)
		}
	}
	return strings.Join(out, ".")
}

// lineAt returns the line of byte offset off of data, from 1.
func lineAt(data []byte, off int64) int {
	off = min(max(off, 0), int64(len(data)))
	return bytes.Count(data[:off], []byte("\n")) + 1
}

// oneLine joins the lines of s with " / " for places that hold one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " / ")), " ")
}
