Feature: The kubectl surface the tutorial uses
  Every verb and flag the tutorial types, with kubectl 1.32's own output: tables laid out by the
  same tab writer, the same success and error messages, the same describe sections.

  Background:
    Given the tutorial cluster

  @CLI-1
  Scenario: get: nodes, namespaces, and kinds several at a time
    When I run "kubectl get nodes"
    Then the output is:
      """
      NAME     STATUS   ROLES           AGE   VERSION
      master   Ready    control-plane   24h   v1.32.0
      node1    Ready    <none>          24h   v1.32.0
      node2    Ready    <none>          24h   v1.32.0
      """
    When I run "kubectl get nodes -o wide"
    Then the output shows:
      | NAME   | STATUS | INTERNAL-IP     | EXTERNAL-IP | OS-IMAGE           | CONTAINER-RUNTIME   |
      | master | Ready  | 192.168.130.103 | <none>      | Ubuntu 22.04.5 LTS | containerd://1.7.24 |
      | node1  | Ready  | 192.168.130.104 | <none>      | Ubuntu 22.04.5 LTS | containerd://1.7.24 |
      | node2  | Ready  | 192.168.130.105 | <none>      | Ubuntu 22.04.5 LTS | containerd://1.7.24 |
    When I run "kubectl get namespaces"
    Then the output is:
      """
      NAME              STATUS   AGE
      default           Active   24h
      kube-node-lease   Active   24h
      kube-public       Active   24h
      kube-system       Active   24h
      """
    When I run "kubectl create -f web.yaml"
    And 5 seconds pass
    And I run "kubectl get rs,pods"
    Then the output is:
      """
      NAME                  DESIRED   CURRENT   READY   AGE
      replicaset.apps/web   2         2         2       5s

      NAME            READY   STATUS    RESTARTS   AGE
      pod/web-{suffix}   1/1     Running   0          5s
      pod/web-{suffix}   1/1     Running   0          5s
      """
    When I run "kubectl get pods -o wide"
    Then the output shows, in any order:
      | NAME         | READY | STATUS  | IP             | NODE  | NOMINATED NODE | READINESS GATES |
      | web-{suffix} | 1/1   | Running | 10.244.1.{int} | node1 | <none>         | <none>          |
      | web-{suffix} | 1/1   | Running | 10.244.2.{int} | node2 | <none>         | <none>          |
    When I run "kubectl get pods -o name"
    Then the output is:
      """
      pod/web-{suffix}
      pod/web-{suffix}
      """
    When I run "kubectl get pods -A --show-labels"
    Then the output shows:
      | NAMESPACE | NAME         | STATUS  | LABELS  |
      | default   | web-{suffix} | Running | app=web |
      | default   | web-{suffix} | Running | app=web |
    When I run "kubectl get pods -l 'app notin (web)'"
    Then the error output is "No resources found in default namespace."
    When I run "kubectl get pods -n kube-system"
    Then the error output is "No resources found in kube-system namespace."
    When I run "kubectl get rc"
    Then the error output is "No resources found in default namespace."

  @CLI-1
  Scenario: get -o yaml and -o json show the stored object, with the API server's defaults
    When I run "kubectl create -f web.yaml"
    And the cluster settles
    And I run "kubectl get rs web -o yaml"
    Then the output is:
      """
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        creationTimestamp: "2018-09-06T06:57:00Z"
        generation: 1
        labels:
          app: web
        name: web
        namespace: default
        resourceVersion: "{int}"
        uid: {uid}
      spec:
        replicas: 2
        selector:
          matchLabels:
            app: web
        template:
          metadata:
            labels:
              app: web
          spec:
            containers:
            - image: ikubernetes/myapp:v1
              imagePullPolicy: IfNotPresent
              name: web
              ports:
              - containerPort: 80
                protocol: TCP
              resources: {}
              terminationMessagePath: /dev/termination-log
              terminationMessagePolicy: File
            dnsPolicy: ClusterFirst
            restartPolicy: Always
            schedulerName: default-scheduler
            securityContext: {}
            terminationGracePeriodSeconds: 30
      status:
        availableReplicas: 2
        fullyLabeledReplicas: 2
        observedGeneration: 1
        readyReplicas: 2
        replicas: 2
      """
    When I run "kubectl get pods -o json"
    Then the output includes:
      """
      {
          "apiVersion": "v1",
          "items": [
              {
                  "apiVersion": "v1",
                  "kind": "Pod",
                  "metadata": {
                      "creationTimestamp": "2018-09-06T06:57:00Z",
                      "generateName": "web-",
      """
    And the output includes:
      """
                  "spec": {
                      "containers": [
                          {
                              "image": "ikubernetes/myapp:v1",
                              "imagePullPolicy": "IfNotPresent",
                              "name": "web",
      """
    And the output includes:
      """
          "kind": "List",
          "metadata": {
              "resourceVersion": ""
          }
      }
      """

  @CLI-1
  Scenario: get events: what the scheduler, the kubelet and the ReplicaSet controller reported
    When I run "kubectl create -f web-pod.yaml"
    And the cluster settles
    And I run "kubectl get events"
    Then the output is:
      """
      LAST SEEN   TYPE     REASON      OBJECT        MESSAGE
      3s          Normal   Scheduled   pod/web-pod   Successfully assigned default/web-pod to node{int}
      2s          Normal   Pulling     pod/web-pod   Pulling image "ikubernetes/myapp:v1"
      0s          Normal   Pulled      pod/web-pod   Successfully pulled image "ikubernetes/myapp:v1" in 2s (2s including waiting). Image size: 6233145 bytes.
      0s          Normal   Created     pod/web-pod   Created container: web
      0s          Normal   Started     pod/web-pod   Started container web
      """

  @CLI-1
  Scenario: describe a pod, a ReplicaSet and a node
    When I run "kubectl create -f web.yaml"
    And 1 minute passes
    And I run "kubectl get pods -o jsonpath={.items[0].metadata.name}" and remember the output as POD
    And I run "kubectl describe pod $POD"
    Then the output includes:
      """
      Status:           Running
      IP:               10.244.{int}.{int}
      IPs:
        IP:           10.244.{int}.{int}
      Controlled By:  ReplicaSet/web
      Containers:
        web:
          Container ID:   containerd://{any}
          Image:          ikubernetes/myapp:v1
          Image ID:       docker.io/ikubernetes/myapp@sha256:{any}
          Port:           80/TCP
          Host Port:      0/TCP
          State:          Running
            Started:      Thu, 06 Sep 2018 06:57:03 +0000
          Ready:          True
          Restart Count:  0
          Environment:    <none>
          Mounts:
            /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-{suffix} (ro)
      Conditions:
        Type                        Status
        PodReadyToStartContainers   True 
        Initialized                 True 
        Ready                       True 
        ContainersReady             True 
        PodScheduled                True 
      """
    And the output includes:
      """
      QoS Class:                   BestEffort
      Node-Selectors:              <none>
      Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                                   node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
      Events:
        Type    Reason     Age   From               Message
        ----    ------     ----  ----               -------
        Normal  Scheduled  60s   default-scheduler  Successfully assigned default/$POD to node{int}
        Normal  Pulling    59s   kubelet            Pulling image "ikubernetes/myapp:v1"
        Normal  Pulled     57s   kubelet            Successfully pulled image "ikubernetes/myapp:v1" in 2s (2s including waiting). Image size: 6233145 bytes.
        Normal  Created    57s   kubelet            Created container: web
        Normal  Started    57s   kubelet            Started container web
      """
    When I run "kubectl describe rs web"
    Then the output includes:
      """
      Name:         web
      Namespace:    default
      Selector:     app=web
      Labels:       app=web
      Annotations:  <none>
      Replicas:     2 current / 2 desired
      Pods Status:  2 Running / 0 Waiting / 0 Succeeded / 0 Failed
      """
    When I run "kubectl describe node master"
    Then the output includes:
      """
      Name:               master
      Roles:              control-plane
      """
    And the output includes:
      """
      Taints:             node-role.kubernetes.io/control-plane:NoSchedule
      Unschedulable:      false
      """

  @CLI-1
  Scenario: apply creates, leaves unchanged, configures, and keeps its last-applied configuration
    When I run "kubectl apply -f web.yaml"
    Then the output is "replicaset.apps/web created"
    When I run "kubectl apply -f web.yaml"
    Then the output is "replicaset.apps/web unchanged"
    When I run "kubectl apply -f web-3.yaml"
    Then the output is "replicaset.apps/web configured"
    When I run "kubectl get rs web -o jsonpath='{.metadata.annotations.kubectl\.kubernetes\.io/last-applied-configuration}'"
    Then the output is:
      """
      {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"annotations":{},"labels":{"app":"web"},"name":"web","namespace":"default"},"spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"ikubernetes/myapp:v1","name":"web","ports":[{"containerPort":80}]}]}}}}
      """
    When I run "kubectl create -f web-pod.yaml"
    And I run "kubectl apply -f web-pod.yaml"
    Then the output is "pod/web-pod configured"
    And the error output is:
      """
      Warning: resource pods/web-pod is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.
      """

  @CLI-1
  Scenario: label, patch in its three flavours, scale, edit
    When I run "kubectl create -f web-pod.yaml"
    And I run "kubectl label pods web-pod tier=frontend"
    Then the output is "pod/web-pod labeled"
    When I run "kubectl label pods web-pod tier=backend"
    Then the command fails with "error: 'tier' already has a value (frontend), and --overwrite is false"
    When I run "kubectl label pods web-pod tier=backend --overwrite"
    Then the output is "pod/web-pod labeled"
    When I run "kubectl get pod web-pod --show-labels"
    Then the output shows:
      | NAME    | LABELS                    |
      | web-pod | app=web-pod,tier=backend |
    When I run "kubectl label pods web-pod tier-"
    Then the output is "pod/web-pod unlabeled"
    When I run "kubectl create -f web.yaml"
    And I run:
      """
      kubectl patch rs web -p '{"spec":{"replicas":3}}'
      """
    Then the output is "replicaset.apps/web patched"
    When I run:
      """
      kubectl patch rs web -p '{"spec":{"replicas":3}}'
      """
    Then the output is "replicaset.apps/web patched (no change)"
    When I run:
      """
      kubectl patch rs web --type=merge -p '{"metadata":{"labels":{"tier":"fe"}}}'
      """
    Then the output is "replicaset.apps/web patched"
    When I run:
      """
      kubectl patch rs web --type=json -p '[{"op":"replace","path":"/spec/replicas","value":1}]'
      """
    Then the output is "replicaset.apps/web patched"
    When I run "kubectl scale --replicas=4 rs/web"
    Then the output is "replicaset.apps/web scaled"
    When I run "kubectl set image rs web web=ikubernetes/myapp:v2"
    Then the output is "replicaset.apps/web image updated"
    # Setting the image it already has changes nothing, and kubectl says nothing.
    When I run "kubectl set image rs web web=ikubernetes/myapp:v2"
    Then the output is empty
    When I run "kubectl edit rs web" changing "replicas: 4" to "replicas: 2"
    Then the output is "replicaset.apps/web edited"
    When the cluster settles
    And I run "kubectl get rs web --show-labels"
    Then the output shows:
      | NAME | DESIRED | CURRENT | READY | LABELS          |
      | web  | 2       | 2       | 2     | app=web,tier=fe |

  @CLI-1
  Scenario: delete by name, by file and by label; kubectl waits until they are gone
    When I run "kubectl create -f web.yaml"
    And I run "kubectl create -f web-pod.yaml"
    And the cluster settles
    And I run "kubectl delete -f web-pod.yaml"
    Then the output is:
      """
      pod "web-pod" deleted
      """
    And the pod "web-pod" does not exist
    When I run "kubectl delete pods -l app=web"
    Then the output is:
      """
      pod "web-{suffix}" deleted
      pod "web-{suffix}" deleted
      """
    When I run "kubectl delete rs web"
    Then the output is:
      """
      replicaset.apps "web" deleted
      """
    When the cluster settles
    And I run "kubectl get all"
    Then the error output is "No resources found in default namespace."

  @CLI-1
  Scenario: exec runs commands inside a container; curl reaches a pod from the node
    When I run "kubectl create -f web-pod.yaml"
    And the cluster settles
    And I run "kubectl exec web-pod -- ps aux"
    Then the output is:
      """
      PID   USER     TIME  COMMAND
          1 root      0:00 nginx: master process nginx -g daemon off;
          {int} nginx     0:00 nginx: worker process
          {int} root      0:00 ps aux
      """
    When I run "kubectl exec web-pod -- printenv GREETING HOSTNAME"
    Then the output is:
      """
      hello
      web-pod
      """
    When I run "kubectl exec web-pod -- cat /usr/share/nginx/html/index.html"
    Then the output is:
      """
      Hello MyApp | Version: v1 | <a href="hostname.html">Pod Name</a>
      """
    When I run "kubectl exec web-pod -- ls /usr/share/nginx/html"
    Then the output contains "index.html"
    When I run "kubectl exec web-pod -- sh -c 'echo $HOSTNAME'"
    Then the output is "web-pod"
    When I run "kubectl exec web-pod -- nonsense"
    Then the command fails with:
      """
      error: Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "{any}": OCI runtime exec failed: exec failed: unable to start container process: exec: "nonsense": executable file not found in $PATH: unknown
      """
    When I run "curl $(kubectl get pod web-pod -o jsonpath={.status.podIP})/hostname.html"
    Then the output is "web-pod"
