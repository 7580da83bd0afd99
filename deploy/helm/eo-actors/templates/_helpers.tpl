{{/* Names and labels. */}}
{{- define "eo-actors.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "eo-actors.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "eo-actors.selectorLabels" -}}
app.kubernetes.io/name: {{ include "eo-actors.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "eo-actors.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "eo-actors.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "eo-actors.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "eo-actors.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The Secret holding a service's credentials: the existing one named in values, or the chart's. */}}
{{- define "eo-actors.secretName" -}}
{{- $existing := index . 1 -}}
{{- if $existing }}{{ $existing }}{{ else }}{{ include "eo-actors.fullname" (index . 0) }}-services{{ end -}}
{{- end }}

{{/* True when the chart creates the services Secret (some service has no existing secret). */}}
{{- define "eo-actors.createSecret" -}}
{{- if or (not .Values.postgres.existingSecret) (and (eq .Values.silo.streams "redis") (not .Values.redis.existingSecret)) (not .Values.s3.existingSecret) }}true{{ end -}}
{{- end }}
