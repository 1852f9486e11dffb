# A small image for stride serve. Build: docker build -t stride .
# Run:   docker run -p 8080:8080 -v stride-data:/data stride
# (Not built in CI: the machines it runs on have no Docker engine.)
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /stride ./cmd/stride

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /stride /stride
VOLUME /data
ENV STRIDE_DB=/data/stride.db STRIDE_ADDR=:8080
EXPOSE 8080
ENTRYPOINT ["/stride", "serve"]
