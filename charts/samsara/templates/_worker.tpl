{{/*
A pipeline stage (generator, filter, trainer, judge): a Deployment consuming its RabbitMQ queue, writing to the
artifact store, answering /health/live and /health/ready on its HTTP port. Called with
(dict "root" $ "component" "judge" "values" .Values.judge).
*/}}
{{- define "samsara.worker" -}}
{{- $root := .root }}
{{- $v := .values }}
{{- $gpus := int (default 0 $v.gpus) }}
{{- $autoscaled := and $v.autoscaling $v.autoscaling.enabled }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "samsara.componentName" . }}
  labels:
    {{- include "samsara.labels" . | nindent 4 }}
spec:
  {{- if not $autoscaled }}
  replicas: {{ $v.replicas }}
  {{- end }}
  revisionHistoryLimit: 3
  {{- if gt $gpus 0 }}
  # A rollout must not need a spare GPU: stop an old pod before starting its replacement.
  strategy:
    type: RollingUpdate
    rollingUpdate: {maxSurge: 0, maxUnavailable: 1}
  {{- end }}
  selector:
    matchLabels:
      {{- include "samsara.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "samsara.labels" . | nindent 8 }}
      annotations:
        checksum/config: {{ include (print $root.Template.BasePath "/configmap.yaml") $root | sha256sum }}
        {{- include "samsara.scrapeAnnotations" (dict "root" $root "port" 8080) | nindent 8 }}
    spec:
      serviceAccountName: {{ include "samsara.serviceAccountName" $root }}
      automountServiceAccountToken: {{ $root.Values.serviceAccount.automountToken }}
      {{- with $root.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- include "samsara.podSecurityContext" . | nindent 8 }}
      {{- with $v.terminationGracePeriodSeconds }}
      terminationGracePeriodSeconds: {{ . }}
      {{- end }}
      {{- if gt $gpus 0 }}
      {{- include "samsara.gpuScheduling" . | nindent 6 }}
      {{- else }}
      {{- with $v.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- end }}
      {{- with $v.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ .component }}
          image: {{ include "samsara.image" . }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: 8080
              protocol: TCP
          envFrom:
            - configMapRef:
                name: {{ include "samsara.componentName" (dict "root" $root "component" "config") }}
          env:
            - name: ASPNETCORE_HTTP_PORTS
              value: "8080"
            - name: Artifacts__Root
              value: {{ $root.Values.artifacts.mountPath | quote }}
            {{- include "samsara.rabbitmqEnv" $root | nindent 12 }}
          {{- include "samsara.probes" (dict "port" "http") | nindent 10 }}
          resources:
            requests:
              {{- toYaml $v.resources.requests | nindent 14 }}
            limits:
              {{- toYaml $v.resources.limits | nindent 14 }}
              {{- if gt $gpus 0 }}
              {{ $root.Values.gpu.resourceName }}: {{ $gpus }}
              {{- end }}
          securityContext:
            {{- include "samsara.containerSecurityContext" . | nindent 12 }}
          volumeMounts:
            {{- include "samsara.commonVolumeMounts" $root | nindent 12 }}
      volumes:
        {{- include "samsara.commonVolumes" $root | nindent 8 }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ include "samsara.componentName" . }}
  labels:
    {{- include "samsara.labels" . | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "samsara.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: 8080
      targetPort: http
      protocol: TCP
{{- end }}
