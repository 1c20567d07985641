{{/* Names, labels and the pieces every workload shares. */}}

{{- define "samsara.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "samsara.fullname" -}}
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

{{/* A component's resource name: <fullname>-<component>, kept within 63 characters. */}}
{{- define "samsara.componentName" -}}
{{- printf "%s-%s" (include "samsara.fullname" .root | trunc (int (sub 62 (len .component))) | trimSuffix "-") .component }}
{{- end }}

{{- define "samsara.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "samsara.selectorLabels" -}}
app.kubernetes.io/name: {{ include "samsara.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "samsara.labels" -}}
helm.sh/chart: {{ include "samsara.chart" .root }}
{{ include "samsara.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: samsara
{{- end }}

{{- define "samsara.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "samsara.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "samsara.image" -}}
{{- printf "%s/samsara-%s:%s" (trimSuffix "/" .root.Values.image.registry) .component (default .root.Chart.AppVersion .root.Values.image.tag) }}
{{- end }}

{{- define "samsara.daprAppId" -}}
{{- default (include "samsara.componentName" (dict "root" . "component" "gateway")) .Values.dapr.appId }}
{{- end }}

{{- define "samsara.artifactsClaim" -}}
{{- default (include "samsara.componentName" (dict "root" . "component" "artifacts")) .Values.artifacts.persistence.existingClaim }}
{{- end }}

{{/* Pod Security "restricted": the images run as UID 1654 (deploy/docker). */}}
{{- define "samsara.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 1654
runAsGroup: 1654
fsGroup: 1654
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "samsara.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop: [ALL]
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/*
Liveness (the process works) and readiness (its broker and stores answer): Kubernetes' native gRPC probes on the gRPC
port (.port, a number: the kubelet's grpc probe takes no port name), asking grpc.health.v1.Health for the service names
Samsara.Api.Server maps to ServiceDefaults' liveness checks ("live") and to every check ("ready"); no API key needed.
*/}}
{{- define "samsara.probes" -}}
startupProbe:
  grpc: {port: {{ .port }}, service: live}
  periodSeconds: 2
  failureThreshold: 60
livenessProbe:
  grpc: {port: {{ .port }}, service: live}
  periodSeconds: 10
  timeoutSeconds: 3
  failureThreshold: 6
readinessProbe:
  grpc: {port: {{ .port }}, service: ready}
  periodSeconds: 5
  timeoutSeconds: 3
  failureThreshold: 3
{{- end }}

{{/* The broker connection (Messaging:RabbitMq), its secrets read from the existing Secret. */}}
{{- define "samsara.rabbitmqEnv" -}}
{{- $r := .Values.rabbitmq -}}
- name: Messaging__RabbitMq__Host
  valueFrom: {secretKeyRef: {name: {{ $r.existingSecret }}, key: {{ $r.secretKeys.host }}}}
- name: Messaging__RabbitMq__Username
  valueFrom: {secretKeyRef: {name: {{ $r.existingSecret }}, key: {{ $r.secretKeys.username }}}}
- name: Messaging__RabbitMq__Password
  valueFrom: {secretKeyRef: {name: {{ $r.existingSecret }}, key: {{ $r.secretKeys.password }}}}
{{- end }}

{{/* Volumes every pod has: the artifact store and a writable /tmp (the root filesystem is read-only). */}}
{{- define "samsara.commonVolumes" -}}
- name: artifacts
  persistentVolumeClaim:
    claimName: {{ include "samsara.artifactsClaim" . }}
- name: tmp
  emptyDir: {}
{{- range .Values.readOnlyRoots }}
- name: ro-{{ .name }}
  persistentVolumeClaim:
    claimName: {{ .claimName }}
    readOnly: true
{{- end }}
{{- end }}

{{- define "samsara.commonVolumeMounts" -}}
- name: artifacts
  mountPath: {{ .Values.artifacts.mountPath }}
- name: tmp
  mountPath: /tmp
{{- range .Values.readOnlyRoots }}
- name: ro-{{ .name }}
  mountPath: {{ .mountPath }}
  readOnly: true
{{- end }}
{{- end }}

{{/* GPU placement for a component asking for GPUs: the values' defaults suit the NVIDIA GPU Operator. */}}
{{- define "samsara.gpuScheduling" -}}
{{- $gpu := .root.Values.gpu -}}
{{- if $gpu.runtimeClassName }}
runtimeClassName: {{ $gpu.runtimeClassName }}
{{- end }}
{{- with merge (deepCopy .values.nodeSelector) $gpu.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with concat $gpu.tolerations .values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/* Prometheus's conventional scrape annotations, when telemetry.prometheus.enabled: the service's HTTP port, /metrics. */}}
{{- define "samsara.scrapeAnnotations" -}}
{{- if .root.Values.telemetry.prometheus.enabled }}
prometheus.io/scrape: "true"
prometheus.io/port: {{ .port | quote }}
prometheus.io/path: "/metrics"
{{- end }}
{{- end }}
