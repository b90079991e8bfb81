Feature: DaemonSet (tutorial section 4)
  A DaemonSet runs one copy of a pod on every node that may run it: node agents such as log
  collectors (the tutorial's filebeat). The controller pins each pod to its node (a required
  node affinity on `metadata.name`) and the scheduler binds it there. Nodes tainted for the
  control plane get none unless the template tolerates that taint; a nodeSelector narrows the set;
  a node that joins gets a pod, a node that leaves takes its pod with it. A new template replaces
  the pods node by node (RollingUpdate, maxUnavailable 1) and is kept as a ControllerRevision for
  `kubectl rollout history|undo`. The tutorial's kubectl 1.11 printed `daemonset.extensions/...`
  for `set image`; kubectl 1.32 prints `daemonset.apps/...`.

  Background:
    Given the tutorial cluster

  @DS-1 @CTRL-3
  Scenario: The tutorial's filebeat DaemonSet runs one pod on each worker, none on the control plane
    # The tutorial's transcript says `daemonset.apps/myapp-ds created`, but its ds-demo.yaml names
    # the DaemonSet filebeat-ds (as its own `kubectl get ds` shows): the YAML is the truth.
    When I run "kubectl apply -f ds-demo.yaml"
    Then the output is "daemonset.apps/filebeat-ds created"
    When 6 minutes pass
    And I run "kubectl get ds"
    Then the output is:
      """
      NAME          DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE
      filebeat-ds   2         2         2       2            2           <none>          6m
      """
    When I run "kubectl get pods -o wide"
    Then the output shows, in any order:
      | NAME                 | READY | STATUS  | RESTARTS | AGE | NODE  |
      | filebeat-ds-{suffix} | 1/1   | Running | 0        | 6m  | node1 |
      | filebeat-ds-{suffix} | 1/1   | Running | 0        | 6m  | node2 |
    # The tutorial ran ps in a shell it opened with `kubectl exec -it … -- /bin/sh`; here ps is run
    # directly, so it lists itself too.
    When I run "kubectl exec -it $(kubectl get pods -o jsonpath={.items[0].metadata.name}) -- ps aux"
    Then the output is:
      """
      PID   USER     TIME  COMMAND
          1 root      0:00 /usr/local/bin/filebeat -e -c /etc/filebeat/filebeat.yml
          2 root      0:00 ps aux
      """
    # Each pod is pinned to its node, labelled with the revision's hash and the template
    # generation, and tolerates node trouble (but not the control-plane taint).
    And every pod matching "app=filebeat" has:
      """
      metadata:
        generateName: filebeat-ds-
        labels:
          app: filebeat
          release: stable
          pod-template-generation: "1"
        ownerReferences:
        - apiVersion: apps/v1
          kind: DaemonSet
          name: filebeat-ds
          controller: true
          blockOwnerDeletion: true
      spec:
        containers:
        - name: filebeat
          image: ikubernetes/filebeat:5.6.5-alpine
          env:
          - {name: REDIS_HOST, value: redis.default.svc.cluster.local}
          - {name: REDIS_LOG_LEVEL, value: info}
        tolerations:
        - {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute}
        - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute}
        - {key: node.kubernetes.io/disk-pressure, operator: Exists, effect: NoSchedule}
        - {key: node.kubernetes.io/memory-pressure, operator: Exists, effect: NoSchedule}
        - {key: node.kubernetes.io/pid-pressure, operator: Exists, effect: NoSchedule}
        - {key: node.kubernetes.io/unschedulable, operator: Exists, effect: NoSchedule}
      """
    And a pod matching "app=filebeat" has:
      """
      spec:
        nodeName: node1
        affinity:
          nodeAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              nodeSelectorTerms:
              - matchFields:
                - {key: metadata.name, operator: In, values: [node1]}
      """
    When I run "kubectl get controllerrevisions"
    Then the output shows:
      | NAME               | CONTROLLER                 | REVISION | AGE |
      | filebeat-ds-{hash} | daemonset.apps/filebeat-ds | 1        | 6m  |
    When I run "kubectl describe daemonset filebeat-ds"
    Then the output is:
      """
      Name:           filebeat-ds
      Selector:       app=filebeat,release=stable
      Node-Selector:  <none>
      Labels:         <none>
      Annotations:    deprecated.daemonset.template.generation: 1
      Desired Number of Nodes Scheduled: 2
      Current Number of Nodes Scheduled: 2
      Number of Nodes Scheduled with Up-to-date Pods: 2
      Number of Nodes Scheduled with Available Pods: 2
      Number of Nodes Misscheduled: 0
      Pods Status:  2 Running / 0 Waiting / 0 Succeeded / 0 Failed
      Pod Template:
        Labels:  app=filebeat
                 release=stable
        Containers:
         filebeat:
          Image:      ikubernetes/filebeat:5.6.5-alpine
          Port:       <none>
          Host Port:  <none>
          Environment:
            REDIS_HOST:       redis.default.svc.cluster.local
            REDIS_LOG_LEVEL:  info
          Mounts:             <none>
        Volumes:              <none>
        Node-Selectors:       <none>
        Tolerations:          <none>
      Events:
        Type    Reason            Age   From                  Message
        ----    ------            ----  ----                  -------
        Normal  SuccessfulCreate  6m    daemonset-controller  Created pod: filebeat-ds-{suffix}
        Normal  SuccessfulCreate  6m    daemonset-controller  Created pod: filebeat-ds-{suffix}
      """

  @CTRL-3
  Scenario: A daemon pod that is deleted is rebuilt on the same node
    When I run "kubectl apply -f ds-demo.yaml"
    And the cluster settles
    And I run "kubectl get pods -o jsonpath={.items[0].metadata.name}" and remember the output as POD
    And I run "kubectl get pod $POD -o jsonpath={.spec.nodeName}" and remember the output as NODE
    And I run "kubectl delete pod $POD"
    Then the output is "pod \"$POD\" deleted"
    When the cluster settles
    Then 2 pods match "app=filebeat"
    And the Pod "$POD" does not exist
    And a pod matching "app=filebeat" has:
      """
      spec:
        nodeName: $NODE
      """
    When I run "kubectl get ds filebeat-ds"
    Then the output shows:
      | NAME        | DESIRED | CURRENT | READY | UP-TO-DATE | AVAILABLE |
      | filebeat-ds | 2       | 2       | 2     | 2          | 2         |

  @DS-2
  Scenario: set image replaces the pods node by node, keeping a revision of each template
    When I run "kubectl apply -f ds-demo.yaml"
    And 7 minutes pass
    And I run "kubectl set image daemonsets filebeat-ds filebeat=ikubernetes/filebeat:5.6.6-alpine"
    Then the output is "daemonset.apps/filebeat-ds image updated"
    When the cluster settles
    And I run "kubectl get ds -o wide"
    Then the output is:
      """
      NAME          DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE     CONTAINERS   IMAGES                              SELECTOR
      filebeat-ds   2         2         2       2            2           <none>          {age}   filebeat     ikubernetes/filebeat:5.6.6-alpine   app=filebeat,release=stable
      """
    # maxUnavailable 1: one node at a time loses its pod (the old one is deleted and, once it has
    # stopped, the new one is created there), so one of the two is available at every moment.
    And during the rollout at least 1 pod was available at every moment
    And pods were replaced one at a time
    And every pod matching "app=filebeat" has:
      """
      metadata:
        labels: {pod-template-generation: "2"}
      spec:
        containers:
        - image: ikubernetes/filebeat:5.6.6-alpine
      """
    When I run "kubectl get events --field-selector involvedObject.kind=DaemonSet"
    Then the output shows:
      | TYPE   | REASON           | OBJECT                | MESSAGE                          |
      | Normal | SuccessfulCreate | daemonset/filebeat-ds | Created pod: filebeat-ds-{suffix} |
      | Normal | SuccessfulCreate | daemonset/filebeat-ds | Created pod: filebeat-ds-{suffix} |
      | Normal | SuccessfulDelete | daemonset/filebeat-ds | Deleted pod: filebeat-ds-{suffix} |
      | Normal | SuccessfulCreate | daemonset/filebeat-ds | Created pod: filebeat-ds-{suffix} |
      | Normal | SuccessfulDelete | daemonset/filebeat-ds | Deleted pod: filebeat-ds-{suffix} |
      | Normal | SuccessfulCreate | daemonset/filebeat-ds | Created pod: filebeat-ds-{suffix} |
    When I run "kubectl get controllerrevisions"
    Then the output shows, in any order:
      | NAME               | CONTROLLER                 | REVISION |
      | filebeat-ds-{hash} | daemonset.apps/filebeat-ds | 1        |
      | filebeat-ds-{hash} | daemonset.apps/filebeat-ds | 2        |
    When I run "kubectl rollout history daemonset filebeat-ds"
    Then the output is:
      """
      daemonset.apps/filebeat-ds 
      REVISION  CHANGE-CAUSE
      1         <none>
      2         <none>

      """

  @DS-2
  Scenario: rollout status follows a DaemonSet's rollout; undo brings the old template back as a new revision
    When I run "kubectl apply -f ds-demo.yaml"
    And the cluster settles
    And I run "kubectl set image daemonsets filebeat-ds filebeat=ikubernetes/filebeat:5.6.6-alpine"
    And I run "kubectl rollout status daemonset filebeat-ds"
    Then the output includes:
      """
      Waiting for daemon set "filebeat-ds" rollout to finish: 0 out of 2 new pods have been updated...
      """
    And the output includes:
      """
      Waiting for daemon set "filebeat-ds" rollout to finish: 1 of 2 updated pods are available...
      daemon set "filebeat-ds" successfully rolled out
      """
    When I run "kubectl rollout history daemonset filebeat-ds --revision=1"
    Then the output includes:
      """
      daemonset.apps/filebeat-ds with revision #1
      Pod Template:
      """
    And the output contains "ikubernetes/filebeat:5.6.5-alpine"
    When I run "kubectl rollout undo daemonset filebeat-ds"
    Then the output is "daemonset.apps/filebeat-ds rolled back"
    When the cluster settles
    Then every pod matching "app=filebeat" has:
      """
      metadata:
        labels: {pod-template-generation: "3"}
      spec:
        containers:
        - image: ikubernetes/filebeat:5.6.5-alpine
      """
    # The revision of the restored template is renumbered after the latest, as for Deployments.
    When I run "kubectl rollout history daemonset filebeat-ds"
    Then the output is:
      """
      daemonset.apps/filebeat-ds 
      REVISION  CHANGE-CAUSE
      2         <none>
      3         <none>

      """
    When I run "kubectl rollout undo daemonset filebeat-ds --to-revision=3"
    Then the output is "daemonset.apps/filebeat-ds skipped rollback (current template already matches revision 3)"

  @DS-2
  Scenario: With maxSurge 1 and maxUnavailable 0 a new pod starts beside each old one before it goes
    When I run "kubectl apply -f ds-surge.yaml"
    And the cluster settles
    And I run "kubectl set image daemonsets filebeat-surge filebeat=ikubernetes/filebeat:5.6.6-alpine"
    And the cluster settles
    Then during the rollout at least 2 pods were available at every moment
    And at most 3 pods existed at any moment
    And pods were replaced one at a time
    And every pod matching "app=filebeat-surge" has:
      """
      spec:
        containers:
        - image: ikubernetes/filebeat:5.6.6-alpine
      """

  @DS-2
  Scenario: OnDelete: a new template reaches a node only when its pod is deleted by hand
    When I run "kubectl apply -f ds-ondelete.yaml"
    And the cluster settles
    And I run "kubectl set image daemonsets filebeat-ondelete filebeat=ikubernetes/filebeat:5.6.6-alpine"
    And the cluster settles
    Then 2 pods match "app=filebeat-ondelete" with image "ikubernetes/filebeat:5.6.5-alpine"
    When I run "kubectl get ds filebeat-ondelete"
    Then the output shows:
      | NAME              | DESIRED | CURRENT | READY | UP-TO-DATE | AVAILABLE |
      | filebeat-ondelete | 2       | 2       | 2     | 0          | 2         |
    When I run "kubectl rollout status daemonset filebeat-ondelete"
    Then the command fails with "error: rollout status is only available for RollingUpdate strategy type"
    When I run "kubectl delete pod $(kubectl get pods -o jsonpath={.items[0].metadata.name})"
    And the cluster settles
    Then 1 pod matches "app=filebeat-ondelete" with image "ikubernetes/filebeat:5.6.6-alpine"
    And 1 pod matches "app=filebeat-ondelete" with image "ikubernetes/filebeat:5.6.5-alpine"

  @DS-3 @CTRL-3
  Scenario: A node that joins gets a daemon pod; a node that leaves takes its pod with it
    When I run "kubectl apply -f ds-demo.yaml"
    And the cluster settles
    Given a node "node3" joins the cluster
    When the cluster settles
    And I run "kubectl get pods -o wide"
    Then the output shows, in any order:
      | NAME                 | STATUS  | NODE  |
      | filebeat-ds-{suffix} | Running | node1 |
      | filebeat-ds-{suffix} | Running | node2 |
      | filebeat-ds-{suffix} | Running | node3 |
    When I run "kubectl get ds"
    Then the output shows:
      | NAME        | DESIRED | CURRENT | READY | UP-TO-DATE | AVAILABLE | NODE SELECTOR |
      | filebeat-ds | 3       | 3       | 3     | 3          | 3         | <none>        |
    # The pod garbage collector deletes the pods of a node that is gone; the DaemonSet makes no new one.
    When node "node2" is removed
    And the cluster settles
    And I run "kubectl get pods -o wide"
    Then the output shows, in any order:
      | NAME                 | STATUS  | NODE  |
      | filebeat-ds-{suffix} | Running | node1 |
      | filebeat-ds-{suffix} | Running | node3 |
    When I run "kubectl get ds"
    Then the output shows:
      | NAME        | DESIRED | CURRENT | READY | UP-TO-DATE | AVAILABLE |
      | filebeat-ds | 2       | 2       | 2     | 2          | 2         |

  @DS-3 @CTRL-3
  Scenario: A nodeSelector limits a DaemonSet to the nodes whose labels match, as they change
    When I run "kubectl label node node1 disktype=ssd"
    Given a node "node3" with labels "disktype=ssd" joins the cluster
    When I run "kubectl apply -f ds-ssd.yaml"
    And the cluster settles
    And I run "kubectl get ds"
    Then the output shows:
      | NAME        | DESIRED | CURRENT | READY | UP-TO-DATE | AVAILABLE | NODE SELECTOR |
      | ssd-monitor | 2       | 2       | 2     | 2          | 2         | disktype=ssd  |
    When I run "kubectl get pods -o wide"
    Then the output shows, in any order:
      | NAME                 | STATUS  | NODE  |
      | ssd-monitor-{suffix} | Running | node1 |
      | ssd-monitor-{suffix} | Running | node3 |
    When I run "kubectl label node node1 disktype-"
    And I run "kubectl label node node2 disktype=ssd"
    And the cluster settles
    And I run "kubectl get pods -o wide"
    Then the output shows, in any order:
      | NAME                 | STATUS  | NODE  |
      | ssd-monitor-{suffix} | Running | node2 |
      | ssd-monitor-{suffix} | Running | node3 |
    When I run "kubectl describe ds ssd-monitor"
    Then the output includes:
      """
      Node-Selector:  disktype=ssd
      """

  @DS-3
  Scenario: The control-plane node's taint keeps daemon pods off it unless the template tolerates it
    When I run "kubectl apply -f ds-demo.yaml"
    And I run "kubectl apply -f ds-everywhere.yaml"
    And the cluster settles
    And I run "kubectl get ds"
    Then the output shows:
      | NAME        | DESIRED | CURRENT | READY | UP-TO-DATE | AVAILABLE |
      | filebeat-ds | 2       | 2       | 2     | 2          | 2         |
      | node-agent  | 3       | 3       | 3     | 3          | 3         |
    When I run "kubectl get pods -o wide -l app=node-agent"
    Then the output shows, in any order:
      | NAME                | STATUS  | NODE   |
      | node-agent-{suffix} | Running | master |
      | node-agent-{suffix} | Running | node1  |
      | node-agent-{suffix} | Running | node2  |
    When I run "kubectl get pods -o wide -l app=filebeat"
    Then the output does not contain "master"

  @DS-3
  Scenario: A NoSchedule taint keeps the running daemon pod but counts it as misscheduled; NoExecute removes it
    When I run "kubectl apply -f ds-demo.yaml"
    And the cluster settles
    And I run "kubectl taint nodes node1 dedicated=logging:NoSchedule"
    And the cluster settles
    And I run "kubectl get ds"
    Then the output shows:
      | NAME        | DESIRED | CURRENT | READY | UP-TO-DATE | AVAILABLE |
      | filebeat-ds | 1       | 1       | 1     | 1          | 1         |
    And 2 pods match "app=filebeat"
    And the DaemonSet "filebeat-ds" has:
      """
      status:
        desiredNumberScheduled: 1
        numberMisscheduled: 1
      """
    When I run "kubectl taint nodes node1 dedicated=logging:NoExecute"
    And the cluster settles
    Then 1 pod matches "app=filebeat"
    And the DaemonSet "filebeat-ds" has:
      """
      status:
        desiredNumberScheduled: 1
        numberMisscheduled: 0
      """

  @DS-1
  Scenario: Bad DaemonSets get the API server's answers and change nothing
    When I run "kubectl apply -f ds-demo.yaml"
    And the cluster settles
    Given I note the state of the cluster
    When I run "kubectl apply -f ds-mismatch.yaml"
    Then the command fails with:
      """
      The DaemonSet "filebeat-mismatch" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"filebeat", "release":"canary"}: `selector` does not match template `labels`
      """
    # Surging needs an explicit `maxUnavailable: 0`: the default of 1 and maxSurge 1 conflict.
    # v1.32 prints the IntOrString with %#v.
    When I run "kubectl apply -f ds-surge-only.yaml"
    Then the command fails with:
      """
      The DaemonSet "filebeat-surge-only" is invalid: spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:0, IntVal:1, StrVal:""}: may not be set when maxUnavailable is non-zero
      """
    When I run:
      """
      kubectl patch ds filebeat-ds -p '{"spec":{"updateStrategy":{"rollingUpdate":{"maxUnavailable":0}}}}'
      """
    Then the command fails with:
      """
      The DaemonSet "filebeat-ds" is invalid: spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0
      """
    When I run:
      """
      kubectl patch ds filebeat-ds -p '{"spec":{"selector":{"matchLabels":{"app":"other"}}}}'
      """
    Then the command fails with:
      """
      The DaemonSet "filebeat-ds" is invalid: 
      * spec.template.metadata.labels: Invalid value: map[string]string{"app":"filebeat", "release":"stable"}: `selector` does not match template `labels`
      * spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"other", "release":"stable"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable
      """
    When I run "kubectl rollout undo daemonset filebeat-ds"
    Then the command fails with "error: no last revision to roll back to"
    When I run "kubectl rollout undo daemonset filebeat-ds --to-revision=5"
    Then the command fails with "error: unable to find specified revision 5 in history"
    When I run "kubectl rollout status daemonset nope"
    Then the command fails with:
      """
      Error from server (NotFound): daemonsets.apps "nope" not found
      """
    And the cluster is unchanged
