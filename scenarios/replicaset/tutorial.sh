# Tutorial sections 2.3-2.5: a ReplicaSet keeps its number of replicas ("多退少补": too many are
# removed, too few are made up). Replay with: kubespec play scenarios/replicaset/tutorial.sh

# Create the ReplicaSet of two myapp pods and look at what it made.
kubectl create -f rs-damo.yaml
kubectl get rs
kubectl get pods --show-labels
POD=$(kubectl get pods -l app=myapp,release=canary -o jsonpath='{.items[0].metadata.name}')
kubectl describe pods $POD
curl $(kubectl get pods $POD -o jsonpath='{.status.podIP}')

# Too few: delete a pod and the ReplicaSet makes a new one at once.
kubectl delete pods $POD
kubectl get pods --show-labels

# Too many: a bare pod whose labels come to match the selector is adopted, and one pod goes.
kubectl create -f pod-test.yaml
kubectl get pods --show-labels
kubectl label pods pod-test release=canary
kubectl get pods --show-labels

# Scale out to five replicas.
kubectl scale rs myapp --replicas=5
kubectl get rs
kubectl get pods

# A new image in the template reaches only pods created from now on (a manual gray release).
kubectl set image rs myapp myapp-container=ikubernetes/myapp:v2
kubectl get rs -o wide
OLD=$(kubectl get pods -l app=myapp -o jsonpath='{.items[0].metadata.name}')
curl $(kubectl get pods $OLD -o jsonpath='{.status.podIP}')
kubectl delete pods $OLD
kubectl get pods -l app=myapp -o jsonpath='{range .items[*]}{.metadata.name} {.spec.containers[0].image}{"\n"}{end}'
NEW=$(kubectl get pods -l app=myapp -o jsonpath='{range .items[*]}{.metadata.name} {.spec.containers[0].image}{"\n"}{end}' | grep myapp:v2 | awk '{print $1}')
curl $(kubectl get pods $NEW -o jsonpath='{.status.podIP}')
kubectl exec $NEW -- cat /usr/share/nginx/html/index.html
