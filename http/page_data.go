package http

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/export"
)

// dataView is the "Your data" page: downloads of everything the user
// has, and the upload of a backup with its preview (a dry run) or result.
type dataView struct {
	Result *importResult
}

// importResult is what an upload did, or would do.
type importResult struct {
	File     string
	DryRun   bool
	Created  string // "8 goals, 1,204 steps, from 2024-01-03 to 2025-06-30", or ""
	Existing string // "12 records are here already: ...", or ""
	// Nothing says the file holds nothing new: an import would write nothing.
	Nothing bool
	Error   string
	// Rename is the user's goal a conflict asks to rename, which the
	// notice links to; nil when none is known.
	Rename *stride.Goal
	// KeepsFile says the browser still holds the chosen file (the result
	// was swapped into the page by htmx), so Import can be pressed as is.
	KeepsFile bool
}

// handleDataPage shows the downloads and the upload form.
func (s *Server) handleDataPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.render(w, r, http.StatusOK, "data.html", page{Title: "Your data", Nav: "settings", Data: dataView{}})
	})
}

// handleDataExport answers a download of the user's data in format, for
// a signed-in browser (the API has the same for tokens).
func (s *Server) handleDataExport(format string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.writeExport(w, r, format, func(err error) { s.pageError(w, r, err) })
	})
}

// handleDataImport reads an uploaded backup and imports it: a preview
// (dry run) unless the form's action is "import". With htmx the result is
// swapped into the page, where the chosen file stays for Import; without,
// the page is shown again with the preview, and a real import redirects
// to it with what was created.
func (s *Server) handleDataImport() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		res, status := s.importUpload(w, r)
		res.KeepsFile = isHTMX(r)
		switch {
		case isHTMX(r):
			// htmx swaps in only 2xx and 422 answers (layout.html), so a
			// refusal the user can act on (a conflict, a file too large, a
			// broken upload) answers 422 there, or its message would not
			// show at all.
			if status >= 400 && status < 500 {
				status = http.StatusUnprocessableEntity
			}
			s.renderPart(w, r, status, "data.html", "import-result", res)
		case res.Error == "" && !res.DryRun:
			s.redirect(w, r, "/data", "Imported "+res.File+". "+res.Created+" "+res.Existing)
		default:
			s.render(w, r, status, "data.html", page{Title: "Your data", Nav: "settings", Data: dataView{Result: res}})
		}
	})
}

// importUpload reads the multipart form (the file "backup" and the button
// "action") and runs the import, answering the result and its status:
// 400 for a form that is not an upload, 422 for a file that cannot be
// imported (htmx swaps 422 answers in), 409 for a conflict.
func (s *Server) importUpload(w http.ResponseWriter, r *http.Request) (*importResult, int) {
	res := &importResult{DryRun: true}
	r.Body = http.MaxBytesReader(w, r.Body, maxBackupBody+64<<10)
	mr, err := r.MultipartReader()
	if err != nil {
		res.Error = "Choose a backup file (.json, from stride export json or the download above) to upload."
		return res, http.StatusBadRequest
	}
	var doc *stride.Backup
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		} else if err != nil {
			return uploadFailed(res, err)
		}
		switch part.FormName() {
		case "backup":
			if part.FileName() == "" {
				continue
			}
			res.File = cleanFileName(part.FileName())
			if doc, err = readBackup(w, part, res.File); err != nil {
				return uploadFailed(res, err)
			}
		case "action":
			b, _ := io.ReadAll(io.LimitReader(part, 16))
			res.DryRun = string(b) != "import"
		}
		part.Close()
	}
	if doc == nil {
		res.Error = "Choose a backup file to upload: the form came without one."
		return res, http.StatusUnprocessableEntity
	}
	sum, err := s.svc.Backup.ImportBackup(r.Context(), doc, stride.ImportOptions{Source: "stride", DryRun: res.DryRun})
	if err != nil {
		code, msg := s.errorText(r, err)
		res.Error = msg
		if code == stride.ECONFLICT {
			if res.Rename = s.importClash(r.Context(), doc); res.Rename != nil {
				res.Error = strings.TrimSuffix(msg, ".") + "." // the link follows
			}
			return res, http.StatusConflict
		} else if code == stride.EINTERNAL {
			return res, http.StatusInternalServerError
		}
		return res, http.StatusUnprocessableEntity
	}
	created := export.Created(sum)
	switch {
	case len(created) == 0:
		res.Created, res.Nothing = "Nothing new: everything in it is here already.", true
	case res.DryRun:
		res.Created = "It would create " + strings.Join(created, ", ") + export.Span(sum) + "."
	default:
		res.Created = "Created " + strings.Join(created, ", ") + export.Span(sum) + "."
	}
	if sum.Existing > 0 && len(created) > 0 {
		if res.DryRun {
			res.Existing = export.Count(sum.Existing, "record is", "records are") + " here already: matched, not copied."
		} else {
			res.Existing = export.Count(sum.Existing, "record was", "records were") + " here already: matched, not copied."
		}
	}
	return res, http.StatusOK
}

// importClash returns the user's goal that a backup's goal has the name
// of but counts another way, for the conflict's notice to link to its
// edit page: the store's message names no page. It returns nil when the
// goals cannot be read or none clashes.
func (s *Server) importClash(ctx context.Context, doc *stride.Backup) *stride.Goal {
	have, err := s.svc.Goals.FindGoals(ctx, stride.GoalFilter{})
	if err != nil {
		s.log.WarnContext(ctx, "import conflict: read goals", "err", err)
		return nil
	}
	_, g := stride.ImportClash(doc, have)
	return g
}

// uploadFailed answers an upload that could not be read.
func uploadFailed(res *importResult, err error) (*importResult, int) {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		res.Error = "The file is larger than 64 MiB, the most the web app takes: import it with the command line (stride import json FILE)."
		return res, http.StatusRequestEntityTooLarge
	}
	if stride.ErrorCode(err) == stride.EINVALID {
		res.Error = stride.ErrorMessage(err)
		return res, http.StatusUnprocessableEntity
	}
	res.Error = "The upload broke off before the whole file arrived: please try again."
	return res, http.StatusBadRequest
}

// cleanFileName keeps the last element of an uploaded file's name, short.
func cleanFileName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	if len(name) > 80 {
		name = name[:80]
	}
	return strings.ToValidUTF8(name, "")
}
